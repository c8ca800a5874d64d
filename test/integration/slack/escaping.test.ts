// People's words never become Slack markup: a partner named `<!channel>` or `<https://evil|bank>`
// reaches every outgoing call (DMs, updates, the strategy channel, modals, ephemeral answers)
// escaped, so nobody is pinged and no link is smuggled in (row I4 of docs/reliability.md). Long input is
// cut to what Slack accepts instead of being refused by it (I2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, limitProblem, startFakeSlack } from '../../support/fake-slack.js';
import { blockActions, dmMessage, input, slashCommand, viewSubmission } from '../../support/slack-sender.js';
import { decisionButton, liveMarkup, outboxPosts, posts, textOf, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';
const NASTY = '<!channel> <https://evil.example|bank> & <@U0BOSS> <#C0ALL>';

describe('markup injection and sizes', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeEach(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
  });
  afterEach(async () => {
    await t.drop();
    await fake.close();
  });

  it('a partner named with mentions and links arrives escaped in every call, through to the strategy channel', async () => {
    await t.slack.command(slashCommand(ANNA, 'check', fake.responseUrl()));
    await fake.waitFor(() => fake.callsOf('views.open').length === 1);
    const modal = fake.callsOf('views.open')[0]?.args.view as { private_metadata: string };
    await t.slack.interaction(
      viewSubmission(ANNA, modal, {
        partnerName: input.text(NASTY),
        partnerType: input.select('knowledge-institution'),
        priority: input.select('energy-transition'),
        intensity: input.select('project'),
        budget: input.number('20000'),
        months: input.number('6'),
        direction: input.select('shared'),
        confidential: input.checkboxes([]),
      }),
    );
    const [request] = await waitForPosts(fake, dmOf(BRAM), 1);
    const ts = fake.messages(dmOf(BRAM))[0]?.ts ?? '';
    await t.slack.interaction(
      blockActions(BRAM, decisionButton(request, 'approve'), { channel: dmOf(BRAM), messageTs: ts }),
    );
    await waitForPosts(fake, 'C0STRATEGY', 1);
    await fake.waitFor(() => outboxPosts(fake, dmOf(ANNA), 'requester_update').length === 1);

    // The name was kept as typed, and shown escaped.
    const c = await t.app.parts.store.db.selectFrom('cases').select('partner').executeTakeFirstOrThrow();
    expect(c.partner).toBe(NASTY);
    const summary = textOf(outboxPosts(fake, 'C0STRATEGY')[0]);
    expect(summary).toContain(
      '&lt;!channel&gt; &lt;https://evil.example|bank&gt; &amp; &lt;@U0BOSS&gt; &lt;#C0ALL&gt;',
    );
    expect(String(outboxPosts(fake, 'C0STRATEGY')[0]?.args.text)).toContain('&lt;!channel&gt;');

    // `who` with the same words, as a slash command (response_url) and typed in the DM (Slack sends
    // what was typed with &lt; &gt; &amp;, and an @channel as <!channel>).
    const who = await t.slack.command(slashCommand(ANNA, `wie ${NASTY}`, fake.responseUrl()));
    const ack = {
      method: 'ack',
      args: JSON.parse(who.body) as Record<string, unknown>,
      at: 0,
      outcome: 'ok',
    };
    // Slack's own markup in the command (an @channel, a link, a channel it encoded) is read back
    // as plain text, and any angle bracket left is escaped.
    expect(textOf(ack)).toContain('@channel bank &amp; #C0ALL');
    await t.slack.event(dmMessage(ANNA, 'wie &lt;!channel&gt; <!here> <https://evil.example|bank>'));
    await fake.waitFor(() => posts(fake, dmOf(ANNA)).length >= 3);

    expect(liveMarkup([...fake.calls, ack])).toEqual([]);
    expect(fake.calls.filter((x) => x.outcome !== 'ok')).toEqual([]);
  });

  it('a very long answer is cut to what Slack accepts, never refused by it', async () => {
    await t.slack.event(dmMessage(ANNA, 'check'));
    await waitForPosts(fake, dmOf(ANNA), 1);
    // The partner question refuses more than 200 characters and says so; the echo of it fits Slack.
    await t.slack.event(dmMessage(ANNA, `${'Heel Lange Naam '.repeat(400)}`));
    await t.slack.event(dmMessage(ANNA, `wie ${'x'.repeat(3900)}`));
    const who = await t.slack.command(slashCommand(ANNA, `wie ${'&<>'.repeat(1300)}`, fake.responseUrl()));
    expect(limitProblem('response_url', JSON.parse(who.body) as Record<string, unknown>)).toBeNull();
    await fake.waitFor(() => posts(fake, dmOf(ANNA)).length >= 3);
    expect(fake.calls.filter((x) => x.outcome !== 'ok')).toEqual([]);
  });
});
