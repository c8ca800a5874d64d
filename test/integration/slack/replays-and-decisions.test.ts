// One effect per Slack event and per click, whatever Slack or a client repeats; and a decision
// only by the one it waits for. Every request here is validly signed: these are the attacks and
// accidents a signature does not stop (rows S3, S4, A1, A3 of docs/reliability.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { ANNA as ANNA_REQUESTER, proposal } from '../../support/proposals.js';
import { blockActions, dmMessage } from '../../support/slack-sender.js';
import { BACKENDS } from '../../support/test-stores.js';
import { decisionButton, outboxPosts, posts, textOf, waitForLog, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';
const CARLA = 'U_u-carla';

describe.each(BACKENDS)('replays and decisions (%s)', (backend) => {
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

  /** Anna's proposal escalated to Bram; resolves with the approval request in Bram's DM. */
  async function escalatedCase(partner: string) {
    const out = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA_REQUESTER,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: 20_000,
      }),
    );
    if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
    t.app.parts.outboxLoop.kick();
    await fake.waitFor(() => outboxPosts(fake, dmOf(BRAM)).some((p) => textOf(p).includes(partner)));
    const request = outboxPosts(fake, dmOf(BRAM)).find((p) => textOf(p).includes(partner));
    const ts = fake.messages(dmOf(BRAM)).find((m) => JSON.stringify(m.blocks).includes(partner))?.ts ?? '';
    return { caseId: out.case.id, request, ts };
  }

  const decisions = async (caseId: number) =>
    (
      await t.app.parts.store.db
        .selectFrom('decisions')
        .select(['action', 'decider_id'])
        .where('case_id', '=', caseId)
        .execute()
    ).map((d) => ({ ...d }));
  const pendingOutbox = async () =>
    (await t.app.parts.store.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute())
      .length;
  const caseState = async (caseId: number) =>
    (
      await t.app.parts.store.db
        .selectFrom('cases')
        .select('state')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).state;

  it('a Slack retry of the same event (X-Slack-Retry-Num 1, same event_id) is acknowledged and has one effect', async () => {
    const event = dmMessage(ANNA, 'check');
    const first = await t.slack.event(event, { eventId: 'EvRetry0001' });
    expect(first.status).toBe(200);
    await waitForPosts(fake, dmOf(ANNA), 1);
    const state = await t.app.parts.store.db.selectFrom('conversation_state').selectAll().execute();
    const retry = await t.slack.event(event, {
      eventId: 'EvRetry0001',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await waitForLog(t.logs, 'slack request seen before; nothing done', 1);
    expect(posts(fake, dmOf(ANNA))).toHaveLength(1);
    expect(await t.app.parts.store.db.selectFrom('conversation_state').selectAll().execute()).toEqual(state);
  });

  it('a double-clicked approve decides once: the same payload twice, and twice at the same moment', async () => {
    const one = await escalatedCase('Deltares');
    const payload = blockActions(BRAM, decisionButton(one.request, 'approve'), {
      channel: dmOf(BRAM),
      messageTs: one.ts,
    });
    expect((await t.slack.interaction(payload)).status).toBe(200);
    expect((await t.slack.interaction(payload)).status).toBe(200);

    const two = await escalatedCase('TNO');
    const same = blockActions(BRAM, decisionButton(two.request, 'approve'), {
      channel: dmOf(BRAM),
      messageTs: two.ts,
    });
    const both = await Promise.all([t.slack.interaction(same), t.slack.interaction(same)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);

    await fake.waitFor(() => outboxPosts(fake, 'C0STRATEGY').length === 2);
    // Both repeats have ended (dropped as duplicates) and the outbox has sent all it was given.
    await waitForLog(t.logs, 'slack request seen before; nothing done', 2);
    await expect.poll(pendingOutbox, { timeout: 10_000 }).toBe(0);
    expect(await decisions(one.caseId)).toEqual([{ action: 'approve', decider_id: 'u-bram' }]);
    expect(await decisions(two.caseId)).toEqual([{ action: 'approve', decider_id: 'u-bram' }]);
    expect(outboxPosts(fake, dmOf(ANNA), 'requester_update')).toHaveLength(2);
    expect(outboxPosts(fake, 'C0STRATEGY', 'strategy_summary')).toHaveLength(2);
    // Bram was told once per case that it was approved (the repeats were dropped, not refused).
    expect(posts(fake, dmOf(BRAM)).filter((p) => /^Goedgekeurd\./.test(String(p.args.text)))).toHaveLength(2);

    // A real second click (a new action) on the decided case is told it is decided, and changes nothing.
    const again = blockActions(BRAM, decisionButton(one.request, 'approve'), {
      channel: dmOf(BRAM),
      messageTs: one.ts,
    });
    await t.slack.interaction(again);
    await fake.waitFor(() => posts(fake, dmOf(BRAM)).some((p) => /al beslist|verouderd/.test(textOf(p))));
    expect(await decisions(one.caseId)).toHaveLength(1);
  });

  it('refuses an approve clicked by someone the case does not wait for, and by the requester; nothing changes', async () => {
    const c = await escalatedCase('Wageningen University');
    const approve = decisionButton(c.request, 'approve');
    const updatesBefore = fake.callsOf('chat.update').length;

    // Carla (Bram's manager) is not the assignee of this step.
    await t.slack.interaction(
      blockActions(CARLA, approve, { channel: dmOf(CARLA), messageTs: '1790000000.999001' }),
    );
    await fake.waitFor(() => posts(fake, dmOf(CARLA)).some((p) => /ligt niet bij u/.test(textOf(p))));

    // Anna asked for it herself.
    await t.slack.interaction(
      blockActions(ANNA, approve, { channel: dmOf(ANNA), messageTs: '1790000000.999002' }),
    );
    await fake.waitFor(() =>
      posts(fake, dmOf(ANNA)).some((p) => /eigen voorstel|ligt niet bij u/.test(textOf(p))),
    );

    // A value that is not one Koers made (an extra field, another shape) is acknowledged and ignored.
    const forged = { action_id: 'koers:0', value: JSON.stringify({ ...approve.action, extra: 1 }) };
    expect(
      (await t.slack.interaction(blockActions(BRAM, forged, { channel: dmOf(BRAM), messageTs: c.ts })))
        .status,
    ).toBe(200);
    expect(
      (
        await t.slack.interaction(
          blockActions(
            BRAM,
            { action_id: 'someone-else', value: 'x' },
            { channel: dmOf(BRAM), messageTs: c.ts },
          ),
        )
      ).status,
    ).toBe(200);

    // Both clicks' ends: each was looked at and let go.
    await waitForLog(t.logs, 'slack click ignored: not a Koers action', 2);
    expect(await caseState(c.caseId)).toBe('open');
    expect(await decisions(c.caseId)).toEqual([]);
    expect(outboxPosts(fake, 'C0STRATEGY')).toEqual([]);
    // Bram's own message was not touched by their clicks.
    expect(
      fake
        .callsOf('chat.update')
        .slice(updatesBefore)
        .filter((u) => u.args.ts === c.ts),
    ).toEqual([]);
    const audit = await t.app.parts.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('case_id', '=', c.caseId)
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual(expect.arrayContaining(['u-carla', 'u-anna']));
  });
});
