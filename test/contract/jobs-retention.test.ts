// Retention on both backends, run by the scheduler once a day across instances: each kind of
// record goes when its keeping time is over (docs/reliability.md), and nothing else goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulerOn } from '../jobs/support/scheduler-fixture.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(BACKENDS)('retention on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend, { platforms: ['slack'] });
  });
  afterEach(async () => {
    await f.drop();
  });

  const ago = (ms: number) => new Date(f.clock.now().getTime() - ms).toISOString();

  async function newCase(partner: string, closedAgoMs: number | null): Promise<number> {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: 20_000,
      }),
    );
    if (!out.ok) throw new Error('submit refused');
    const db = f.ts.store.db;
    if (closedAgoMs !== null)
      await db
        .updateTable('cases')
        .set({ state: 'approved', closed_at: ago(closedAgoMs) })
        .where('id', '=', out.case.id)
        .execute();
    await db
      .insertInto('case_messages')
      .values({
        case_id: out.case.id,
        platform: 'slack',
        person_id: 'u-bram',
        ref: `{"ts":"${partner}"}`,
        created_at: ago(40 * DAY),
      })
      .execute();
    return out.case.id;
  }

  it('deletes what is past its keeping time, once a day across two instances, and keeps the rest', async () => {
    const db = f.ts.store.db;
    const closedLongAgo = await newCase('Oud BV', 31 * DAY);
    const closedLately = await newCase('Recent BV', 5 * DAY);
    const open = await newCase('Open BV', null);
    await db
      .insertInto('processed_events')
      .values([
        { key: 'event:slack:event:EvOld', ref: null, at: ago(25 * HOUR) },
        { key: 'event:slack:event:EvNew', ref: null, at: ago(1 * HOUR) },
        { key: 'submit:slack:event:EvOld', ref: String(open), at: ago(25 * HOUR) },
        { key: `remind:case-${closedLongAgo}:step-0`, ref: String(closedLongAgo), at: ago(40 * DAY) },
        { key: `stuck:case-${closedLately}:step-1`, ref: String(closedLately), at: ago(6 * DAY) },
        { key: `remind:case-${open}:step-0`, ref: String(open), at: ago(40 * DAY) },
        { key: 'review-owner:u-gijs:2026-10-01', ref: null, at: ago(53 * DAY) },
        { key: 'review-owner:u-gijs:2026-11-20', ref: null, at: ago(3 * DAY) },
        { key: 'demo:example-portfolio', ref: null, at: ago(90 * DAY) },
      ])
      .execute();
    const outboxRow = (key: string, status: 'sent' | 'dead' | 'pending', sentAgo: number | null) => ({
      dedupe_key: key,
      kind: 'reminder',
      platform: 'slack',
      target: '{"person":"u-bram"}',
      payload: '{}',
      status,
      attempts: 1,
      next_attempt_at: ago(40 * DAY),
      created_at: ago(40 * DAY),
      sent_at: sentAgo === null ? null : ago(sentAgo),
    });
    await db
      .insertInto('outbox')
      .values([
        outboxRow('old-sent', 'sent', 31 * DAY),
        outboxRow('new-sent', 'sent', 2 * DAY),
        outboxRow('old-dead', 'dead', null),
        outboxRow('old-pending', 'pending', null),
      ])
      .execute();
    await db
      .insertInto('conversation_state')
      .values([
        {
          key: 'conv:slack:U_old',
          state: '{"kind":"check","dialog":{}}',
          version: 1,
          updated_at: ago(31 * DAY),
        },
        {
          key: 'conv:slack:U_new',
          state: '{"kind":"check","dialog":{}}',
          version: 3,
          updated_at: ago(29 * DAY),
        },
      ])
      .execute();

    const a = schedulerOn(f, { instanceId: 'a' }).scheduler;
    const b = schedulerOn(f, { instanceId: 'b', db: (await f.ts.reopen()).handle }).scheduler;
    const [ra, rb] = [await a.tick(), await b.tick()];
    // On SQLite the second instance stands by altogether; on PostgreSQL it finds the day claimed.
    expect([ra.retention?.ran, rb.retention?.ran ?? false]).toEqual([true, false]);
    expect(ra.errors).toEqual([]);

    const keys = (await db.selectFrom('processed_events').select('key').orderBy('key').execute()).map(
      (r) => r.key,
    );
    expect(keys.filter((k) => !k.startsWith('retention:'))).toEqual(
      [
        'demo:example-portfolio',
        'event:slack:event:EvNew',
        `remind:case-${open}:step-0`,
        'review-owner:u-gijs:2026-11-20',
      ].sort(),
    );
    const outbox = (await db.selectFrom('outbox').select('dedupe_key').execute()).map((r) => r.dedupe_key);
    expect(outbox).not.toContain('old-sent');
    expect(outbox).toEqual(expect.arrayContaining(['new-sent', 'old-dead', 'old-pending']));
    const messages = (await db.selectFrom('case_messages').select('case_id').execute()).map((r) =>
      Number(r.case_id),
    );
    expect(messages.sort((x, y) => x - y)).toEqual([closedLately, open].sort((x, y) => x - y));
    expect((await db.selectFrom('conversation_state').select('key').execute()).map((r) => r.key)).toEqual([
      'conv:slack:U_new',
    ]);
    // Records of the organisation stay.
    expect(await db.selectFrom('cases').select('id').execute()).toHaveLength(3);

    // Once a day: the next tick the same day does nothing, the next day runs again.
    expect((await a.tick()).retention?.ran).toBe(false);
    f.clock.advanceHours(24);
    expect((await a.tick()).retention?.ran).toBe(true);
  });
});
