// The guidance story over Slack, signed for real, against the fake Slack Web API: Anna answers
// the DM questions with their buttons (each question becomes the answer given), asks for
// € 60.000, and sees the whole route (Bram, then Carla) from the start. Bram's card speaks of
// Anna's mandate and says his approval is an endorsement; his endorsement is confirmed to him
// and reported to Anna; Carla's card says hers is the last word; the strategy channel gets one
// summary. Anna's Home tab offers her own proposals' actions, and times follow her time zone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeCall, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { blockActions, dmMessage, homeOpened } from '../../support/slack-sender.js';
import { buttonsOf, decisionButton, outboxPosts, posts, textOf, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';
const CARLA = 'U_u-carla';
const STRATEGY = 'C0STRATEGY';

describe('Slack: a two-step route, told at every step', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeEach(async () => {
    fake = await startFakeSlack({ timeZones: { [BRAM]: 'America/New_York' } });
    t = await startSlackApp({ fake });
  });
  afterEach(async () => {
    await t.drop();
    await fake.close();
  });

  async function say(text: string): Promise<string> {
    const before = posts(fake, dmOf(ANNA)).length;
    expect((await t.slack.event(dmMessage(ANNA, text))).status).toBe(200);
    const after = await waitForPosts(fake, dmOf(ANNA), before + 1);
    return after.slice(before).map(textOf).join('\n');
  }

  /** Anna picks an option (by its id) of her latest question; returns the next message and the update. */
  async function pick(option: string): Promise<{ next: string; replaced: FakeCall | undefined }> {
    const question = posts(fake, dmOf(ANNA)).at(-1);
    const ts = fake.messages(dmOf(ANNA)).at(-1)?.ts ?? '';
    const button = buttonsOf(question).find((b) => b.action.type === 'dialog' && b.action.value === option);
    if (!button) throw new Error(`no option ${option} in ${textOf(question).slice(0, 300)}`);
    const before = posts(fake, dmOf(ANNA)).length;
    const { action: _a, ...element } = button;
    await t.slack.interaction(blockActions(ANNA, element, { channel: dmOf(ANNA), messageTs: ts }));
    const after = await waitForPosts(fake, dmOf(ANNA), before + 1);
    await fake.waitFor(() => fake.callsOf('chat.update').some((u) => u.args.ts === ts));
    return {
      next: after.slice(before).map(textOf).join('\n'),
      replaced: fake.callsOf('chat.update').find((u) => u.args.ts === ts),
    };
  }

  it('shows the route from the start, speaks of the requester by name, confirms and reports each step', async () => {
    // Bram was in touch before: Koers knows his time zone from Slack.
    expect((await t.slack.event(dmMessage(BRAM, 'status'))).status).toBe(200);
    await waitForPosts(fake, dmOf(BRAM), 1);
    const first = await say('mag ik met TU Delft een project over energie starten?');
    expect(first).toMatch(/Wat voor partij is TU Delft\?/);
    const typed = await pick('knowledge-institution');
    // The question, once answered, shows the answer given and no buttons.
    expect(textOf(typed.replaced)).toMatch(/Type partner: Kennisinstelling ✓/);
    expect(buttonsOf(typed.replaced)).toEqual([]);
    await say('€ 60.000');
    await say('zes maanden');
    await pick('we_need');
    await pick('no');
    const verdict = await say('ja');
    expect(verdict).toMatch(
      /Voorgelegd aan Bram Bakker \(Teamleider\), daarna aan Carla Jansen \(Afdelingshoofd\)/,
    );
    expect(verdict).toMatch(/het budget \(€\s60\.000\) is hoger dan het mandaat van de teamleider/u);

    // Bram's card: Anna's mandate by name, an endorsement, the whole route, times in his zone.
    const request = (await waitForPosts(fake, dmOf(BRAM), 2)).at(-1);
    const card = textOf(request);
    expect(card).toMatch(/het mandaat van Anna de Vries als Medewerker/);
    expect(card).not.toMatch(/uw mandaat/);
    expect(card).toMatch(/Uw goedkeuring is een aanbeveling; daarna beslist Carla Jansen \(Afdelingshoofd\)/);
    expect(card).toMatch(
      /Besluitvormingslijn: Bram Bakker \(Teamleider\) \(nu\) → Carla Jansen \(Afdelingshoofd\)/,
    );
    const since = await t.app.parts.store.db
      .selectFrom('cases')
      .select('assigned_at')
      .executeTakeFirstOrThrow();
    const local = new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(since.assigned_at ?? ''));
    expect(card).toContain(local);

    const bramTs = fake.messages(dmOf(BRAM)).at(-1)?.ts ?? '';
    await t.slack.interaction(
      blockActions(BRAM, decisionButton(request, 'approve'), { channel: dmOf(BRAM), messageTs: bramTs }),
    );
    // Confirmed to Bram, reported to Anna.
    await fake.waitFor(() =>
      posts(fake, dmOf(BRAM)).some((p) => /Onderschreven\. De zaak ligt nu bij Carla Jansen/.test(textOf(p))),
    );
    await fake.waitFor(() =>
      outboxPosts(fake, dmOf(ANNA), 'requester_update').some((p) =>
        /Bram Bakker heeft uw voorstel voor TU Delft onderschreven.*laatste woord/s.test(textOf(p)),
      ),
    );

    const [carlas] = await waitForPosts(fake, dmOf(CARLA), 1);
    expect(textOf(carlas)).toMatch(/Uw besluit is het laatste woord/);
    expect(textOf(carlas)).toMatch(/Bram Bakker \(Teamleider\) ✓ → Carla Jansen \(Afdelingshoofd\) \(nu\)/);
    const carlaTs = fake.messages(dmOf(CARLA))[0]?.ts ?? '';
    await t.slack.interaction(
      blockActions(CARLA, decisionButton(carlas, 'approve'), { channel: dmOf(CARLA), messageTs: carlaTs }),
    );
    await waitForPosts(fake, STRATEGY, 1);
    await fake.waitFor(() =>
      outboxPosts(fake, dmOf(ANNA), 'requester_update').some((p) =>
        /is goedgekeurd door Carla Jansen/.test(textOf(p)),
      ),
    );
    expect(outboxPosts(fake, STRATEGY, 'strategy_summary')).toHaveLength(1);
  });

  it("the Home tab offers Anna's own proposals their actions: open and withdraw", async () => {
    await say('mag ik met TU Delft een project over energie starten?');
    await say('1');
    await say('20000');
    await say('6');
    await say('1');
    await say('nee');
    await say('ja');
    await t.slack.event(homeOpened(ANNA));
    await fake.waitFor(() => fake.callsOf('views.publish').length === 1);
    const home = fake.callsOf('views.publish')[0];
    const actions = buttonsOf(home).map((b) => b.action.type);
    expect(actions).toEqual(expect.arrayContaining(['show_case', 'withdraw']));
    const withdraw = buttonsOf(home).find((b) => b.action.type === 'withdraw');
    const { action: _a, ...element } = withdraw ?? { action: null };
    await t.slack.interaction(
      blockActions(ANNA, element as { action_id: string; value: string }, { home: true }),
    );
    await expect
      .poll(
        async () =>
          (await t.app.parts.store.db.selectFrom('cases').select('state').executeTakeFirst())?.state,
      )
      .toBe('withdrawn');
  });
});
