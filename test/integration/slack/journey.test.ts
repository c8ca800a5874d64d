// The whole Slack journey over HTTP, signed for real, against the fake Slack Web API: an employee
// completes a check in a DM, it escalates, the team lead approves from the button in their DM, that
// message is updated in place, the requester is told and the strategy channel gets the summary;
// and the same through the modal, with a rejection whose reason is asked in a modal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { blockActions, dmMessage, input, slashCommand, viewSubmission } from '../../support/slack-sender.js';
import { BACKENDS } from '../../support/test-stores.js';
import { buttonsOf, decisionButton, outboxPosts, posts, textOf, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';
const STRATEGY = 'C0STRATEGY';

describe.each(BACKENDS)('the Slack journey (%s)', (backend) => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeEach(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, backend });
  });
  afterEach(async () => {
    await t.drop();
    await fake.close();
  });

  /** Anna types a message in her DM and waits for Koers's answer. */
  async function say(text: string): Promise<string> {
    const before = posts(fake, dmOf(ANNA)).length;
    const r = await t.slack.event(dmMessage(ANNA, text));
    expect(r.status).toBe(200);
    const after = await waitForPosts(fake, dmOf(ANNA), before + 1);
    return after.slice(before).map(textOf).join('\n---\n');
  }

  it('a check in the DM escalates; the team lead approves from the button; everyone hears', async () => {
    const first = await say('mag ik met TU Delft een project over energie starten?');
    expect(first).toMatch(/Wat voor partij is TU Delft\?/);
    await say('1'); // knowledge institution
    await say('20000');
    await say('6');
    await say('1'); // we need them
    await say('nee'); // not confidential
    const verdict = await say('ja');
    expect(verdict).toMatch(/Bram Bakker/);

    const db = t.app.parts.store.db;
    const c = await db
      .selectFrom('cases')
      .selectAll()
      .where('requester_id', '=', 'u-anna')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      state: 'open',
      assignee_id: 'u-bram',
      partner: 'TU Delft',
      budget: 20000,
      months: 6,
    });

    // The approval request reaches Bram's DM through the outbox, and is remembered for updates.
    const [request] = await waitForPosts(fake, dmOf(BRAM), 1);
    expect(outboxPosts(fake, dmOf(BRAM), 'approval_request')).toHaveLength(1);
    expect(textOf(request)).toMatch(/Anna de Vries/);
    const ts = fake.messages(dmOf(BRAM))[0]?.ts ?? '';
    const tracked = async () =>
      db.selectFrom('case_messages').selectAll().where('case_id', '=', c.id).execute();
    // Recorded once Slack's answer is in, just after the post reached the fake.
    await expect.poll(tracked).toHaveLength(1);
    expect(await tracked()).toEqual([
      expect.objectContaining({
        platform: 'slack',
        person_id: 'u-bram',
        ref: JSON.stringify({ channel: dmOf(BRAM), ts }),
      }),
    ]);

    const approve = decisionButton(request, 'approve');
    const click = await t.slack.interaction(
      blockActions(BRAM, approve, { channel: dmOf(BRAM), messageTs: ts }),
    );
    expect(click.status).toBe(200);

    // Requester told, strategy channel summary, and Bram's message updated in place.
    await waitForPosts(fake, STRATEGY, 1);
    await fake.waitFor(() => outboxPosts(fake, dmOf(ANNA), 'requester_update').length === 1);
    await fake.waitFor(() =>
      fake
        .callsOf('chat.update')
        .some((u) => u.args.ts === ts && /Goedgekeurd door Bram Bakker/.test(textOf(u))),
    );
    expect(
      await db.selectFrom('cases').select('state').where('id', '=', c.id).executeTakeFirstOrThrow(),
    ).toEqual({ state: 'approved' });
    const updated = fake.callsOf('chat.update').filter((u) => u.args.ts === ts);
    for (const u of updated) expect(u.args.channel).toBe(dmOf(BRAM));
    // No decision buttons left on the decided message.
    expect(buttonsOf(updated.at(-1)).filter((b) => b.action.type === 'decide')).toEqual([]);
    expect(textOf(outboxPosts(fake, STRATEGY, 'strategy_summary')[0])).toMatch(/TU Delft/);
    expect(textOf(outboxPosts(fake, dmOf(ANNA), 'requester_update')[0])).toMatch(/goedgekeurd/i);
    expect(fake.calls.filter((x) => x.outcome !== 'ok')).toEqual([]);
  });

  it('the same check through the modal: errors on the fields, then a verdict; a rejection asks its reason in a modal', async () => {
    const cmd = await t.slack.command(slashCommand(ANNA, 'check', fake.responseUrl()));
    expect(cmd.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('views.open').length === 1);
    const modal = fake.callsOf('views.open')[0]?.args.view as {
      private_metadata: string;
      callback_id: string;
      blocks: Array<{ type: string; block_id?: string }>;
    };
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'partnerName',
      'partnerType',
      'priority',
      'intensity',
      'budget',
      'months',
      'direction',
      'confidential',
      'description',
    ]);

    const values = {
      partnerName: input.text('Deltares'),
      partnerType: input.select('knowledge-institution'),
      priority: input.select('climate-water'),
      intensity: input.select('project'),
      budget: input.number('30000'),
      months: input.number('6'),
      direction: input.select('shared'),
      confidential: input.checkboxes([]),
    };
    const invalid = await t.slack.interaction(
      viewSubmission(ANNA, modal, { ...values, budget: { type: 'number_input', value: null } }),
    );
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toEqual({
      response_action: 'errors',
      errors: { budget: expect.any(String) },
    });
    expect(await t.app.parts.store.db.selectFrom('cases').selectAll().execute()).toEqual([]);

    const valid = await t.slack.interaction(viewSubmission(ANNA, modal, values));
    expect(valid.status).toBe(200);
    expect(valid.body).toBe('');
    const [verdict] = await waitForPosts(fake, dmOf(ANNA), 1);
    expect(textOf(verdict)).toMatch(/Bram Bakker/);

    const [request] = await waitForPosts(fake, dmOf(BRAM), 1);
    const ts = fake.messages(dmOf(BRAM))[0]?.ts ?? '';
    const reject = decisionButton(request, 'reject');
    await t.slack.interaction(blockActions(BRAM, reject, { channel: dmOf(BRAM), messageTs: ts }));
    await fake.waitFor(() => fake.callsOf('views.open').length === 2);
    const reasonModal = fake.callsOf('views.open')[1]?.args.view as {
      private_metadata: string;
      callback_id: string;
    };
    const c = await t.app.parts.store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(c.state).toBe('open');

    const empty = await t.slack.interaction(viewSubmission(BRAM, reasonModal, { reason: input.text('  ') }));
    expect(JSON.parse(empty.body)).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.any(String) },
    });
    const done = await t.slack.interaction(
      viewSubmission(BRAM, reasonModal, { reason: input.text('Dubbel met het programma van Carla') }),
    );
    expect(done.status).toBe(200);
    expect(done.body).toBe('');

    await waitForPosts(fake, STRATEGY, 1);
    await fake.waitFor(() => outboxPosts(fake, dmOf(ANNA), 'requester_update').length === 1);
    await fake.waitFor(() =>
      fake
        .callsOf('chat.update')
        .some((u) => u.args.ts === ts && /Afgewezen door Bram Bakker/.test(textOf(u))),
    );
    expect(textOf(outboxPosts(fake, dmOf(ANNA), 'requester_update')[0])).toMatch(
      /Dubbel met het programma van Carla/,
    );
    const after = await t.app.parts.store.db
      .selectFrom('cases')
      .select(['state'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe('rejected');
    expect(fake.calls.filter((x) => x.outcome !== 'ok')).toEqual([]);
  });
});
