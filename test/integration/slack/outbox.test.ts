// Slack's side of the outbox: a 429 is waited out (Retry-After) and the message posted once while
// other channels go on; posts to one channel are paced to one per second; a strategy channel that
// is gone fails once instead of being retried; and a post Slack accepted just before the
// connection broke is found again by its metadata instead of being posted twice (rows O1, O2, O5
// and C1 of docs/reliability.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { ANNA, proposal } from '../../support/proposals.js';
import { outboxPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const BRAM_DM = dmOf('U_u-bram');
const STRATEGY = 'C0STRATEGY';

describe('outbound courtesy and durability', () => {
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

  /** Anna's proposal: over her mandate (escalates to Bram), or within it (registered, summarised in the strategy channel). */
  async function submit(partner: string, escalate: boolean) {
    const out = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: escalate ? 20_000 : 5_000,
      }),
    );
    if (!out.ok) throw new Error('submit refused');
    t.app.parts.outboxLoop.kick();
    return out.case;
  }

  const callsTo = (channel: string) =>
    fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  const outboxRow = (kind: string) =>
    t.app.parts.store.db.selectFrom('outbox').selectAll().where('kind', '=', kind).executeTakeFirstOrThrow();

  it('waits out a 429 with Retry-After, then posts once; another channel is not held up meanwhile', async () => {
    fake.script('chat.postMessage', ({ args }) =>
      args.channel === BRAM_DM && callsTo(BRAM_DM).length === 1
        ? { kind: 'rate_limited', retryAfterS: 2 }
        : undefined,
    );
    await submit('Deltares', true);
    await fake.waitFor(() => callsTo(BRAM_DM).length === 1);
    await submit('TNO', false);
    await fake.waitFor(() => outboxPosts(fake, BRAM_DM).length === 1, 15_000);

    const [limited, posted] = callsTo(BRAM_DM);
    expect(limited?.outcome).toBe('429');
    expect(posted?.outcome).toBe('ok');
    expect((posted?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(callsTo(BRAM_DM)).toHaveLength(2);
    // The strategy channel's summary of the other case went out while Bram's DM waited.
    const summary = outboxPosts(fake, STRATEGY)[0];
    expect(summary?.at ?? Infinity).toBeLessThan(posted?.at ?? 0);
    // Marked sent once Slack's answer is in, just after the post reached the fake.
    await expect.poll(() => outboxRow('approval_request')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('paces a burst to one channel to one post per second, without using up attempts or backing off', async () => {
    const partners = ['Deltares', 'TNO', 'KNMI', 'RIVM', 'Naturalis'];
    for (const p of partners) await submit(p, false);
    await fake.waitFor(() => outboxPosts(fake, STRATEGY).length === partners.length, 20_000);
    const at = outboxPosts(fake, STRATEGY).map((c) => c.at);
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(callsTo(STRATEGY)).toHaveLength(partners.length);
    const rows = async () =>
      (
        await t.app.parts.store.db
          .selectFrom('outbox')
          .select(['status', 'attempts'])
          .where('kind', '=', 'strategy_summary')
          .execute()
      ).map((r) => ({ status: r.status, attempts: Number(r.attempts) }));
    // Deferrals are not retries: one attempt each, so no backoff ever grew. The last post is
    // marked just after Slack's answer: wait for the marks.
    await expect
      .poll(rows, { timeout: 10_000 })
      .toEqual(partners.map(() => ({ status: 'sent', attempts: 1 })));
  });

  it('a strategy channel that is gone (channel_not_found) is tried once, not in a storm; the summary stays in the store', async () => {
    fake.script('chat.postMessage', ({ args }) =>
      args.channel === STRATEGY ? { kind: 'error', error: 'channel_not_found' } : undefined,
    );
    await submit('Deltares', false);
    await fake.waitFor(() => callsTo(STRATEGY).length === 1);
    // The outbox's mark: a dead row is never tried again, so the count of calls is final.
    await expect
      .poll(() => outboxRow('strategy_summary'), { timeout: 10_000 })
      .toMatchObject({
        status: 'dead',
        last_error: 'channel_not_found',
      });
    expect(callsTo(STRATEGY)).toHaveLength(1);
  });

  it('a person Slack cannot reach (user_not_found) is marked unreachable and the case goes to an alternate', async () => {
    fake.script('conversations.open', ({ args }) =>
      args.users === 'U_u-bram' ? { kind: 'error', error: 'user_not_found' } : undefined,
    );
    const c = await submit('Deltares', true);
    await expect
      .poll(
        async () =>
          (
            await t.app.parts.store.db
              .selectFrom('cases')
              .select('assignee_id')
              .where('id', '=', c.id)
              .executeTakeFirstOrThrow()
          ).assignee_id,
        { timeout: 10_000 },
      )
      .not.toBe('u-bram');
    const bram = await t.app.parts.store.db
      .selectFrom('people')
      .select('unreachable_on')
      .where('id', '=', 'u-bram')
      .executeTakeFirstOrThrow();
    expect(bram.unreachable_on).toBe('slack');
    expect(await outboxRow('approval_request')).toMatchObject({
      status: 'dead',
      last_error: 'user_not_found',
    });
    // The one it went to hears about it, and only one attempt was made to reach Bram.
    const now = await t.app.parts.store.db
      .selectFrom('cases')
      .select('assignee_id')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    await fake.waitFor(
      () => outboxPosts(fake, dmOf(`U_${now.assignee_id}`), 'approval_request').length === 1,
    );
    expect(fake.callsOf('conversations.open').filter((x) => x.args.users === 'U_u-bram')).toHaveLength(1);
  });

  it('a post Slack accepted before the connection broke is found by its metadata, not posted again', async () => {
    fake.script('chat.postMessage', ({ args }) =>
      args.channel === BRAM_DM && callsTo(BRAM_DM).length === 1 ? { kind: 'accept_then_reset' } : undefined,
    );
    const c = await submit('Deltares', true);
    await fake.waitFor(() => fake.callsOf('conversations.history').length === 1, 15_000);
    // The outbox's mark: once the row is sent nothing posts it again, so the count of posts is final.
    await expect
      .poll(async () => (await outboxRow('approval_request')).status, { timeout: 10_000 })
      .toBe('sent');
    expect(fake.callsOf('conversations.history')[0]?.args).toMatchObject({
      channel: BRAM_DM,
      include_all_metadata: 'true',
    });
    expect(callsTo(BRAM_DM)).toHaveLength(1);
    const [message] = fake.messages(BRAM_DM);
    expect(message?.metadata).toMatchObject({ event_type: 'koers_outbox', event_payload: { case_id: c.id } });
    await expect
      .poll(() => outboxRow('approval_request'))
      .toMatchObject({
        status: 'sent',
        platform_ref: JSON.stringify({ channel: BRAM_DM, ts: message?.ts }),
      });
    const tracked = await t.app.parts.store.db
      .selectFrom('case_messages')
      .select('ref')
      .where('case_id', '=', c.id)
      .execute();
    expect(tracked).toEqual([{ ref: JSON.stringify({ channel: BRAM_DM, ts: message?.ts }) }]);
  });

  it('a post Slack accepted before the connection broke is still looked for when its retry was first paced behind other posts', async () => {
    let resetDone = false;
    fake.script('chat.postMessage', ({ args }) => {
      if (resetDone || args.channel !== BRAM_DM || !JSON.stringify(args).includes('Deltares'))
        return undefined;
      resetDone = true;
      return { kind: 'accept_then_reset' };
    });
    await submit('Deltares', true);
    // A burst to the same DM: one post a second, so the retry (after ~2 s) is paced at first.
    const others = ['TNO', 'KNMI', 'RIVM', 'Naturalis', 'Marin'];
    for (const p of others) await submit(p, true);
    await expect
      .poll(
        async () =>
          (
            await t.app.parts.store.db
              .selectFrom('outbox')
              .select('status')
              .where('kind', '=', 'approval_request')
              .execute()
          ).every((r) => r.status === 'sent'),
        { timeout: 20_000 },
      )
      .toBe(true);
    const mentioning = (p: string) =>
      fake.messages(BRAM_DM).filter((m) => JSON.stringify(m.blocks).includes(p));
    expect(mentioning('Deltares')).toHaveLength(1);
    for (const p of others) expect(mentioning(p)).toHaveLength(1);
  }, 30_000);
});
