// The audit log is append-only for the application, and tampering by someone with direct
// database access (triggers dropped, rows edited, deleted or reordered) is detected.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-log.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

describe.each(BACKENDS)('audit log on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend);
    const anna = { personId: 'u-anna', platform: 'slack' as const };
    for (const budget of [1000, 20_000, 30_000])
      await f.wf.submit(anna, proposal({ requester: ANNA, budget }));
    expect(await verifyAudit(f.ts.store.handle)).toEqual({ ok: true, rows: 6 });
  });
  afterEach(async () => {
    await f.drop();
  });

  const db = () => f.ts.store.db;
  async function dropGuards() {
    if (backend === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db());
      await sql`drop trigger audit_log_no_delete`.execute(db());
    } else {
      await sql`drop trigger audit_log_no_change on audit_log`.execute(db());
    }
  }

  it('refuses updates and deletes through the application’s connection', async () => {
    await expect(
      db().updateTable('audit_log').set({ actor_id: 'u-mallory' }).where('seq', '=', 2).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').where('seq', '=', 6).execute()).rejects.toThrow(/append-only/);
    expect((await verifyAudit(f.ts.store.handle)).ok).toBe(true);
  });

  it('detects an edited row and names it', async () => {
    await dropGuards();
    await db().updateTable('audit_log').set({ actor_id: 'u-mallory' }).where('seq', '=', 4).execute();
    expect(await verifyAudit(f.ts.store.handle)).toMatchObject({
      ok: false,
      seq: 4,
      problem: expect.stringMatching(/changed/),
    });
  });

  it('detects an edited row whose hash was recomputed on its own', async () => {
    await dropGuards();
    const { rowHash } = await import('../../src/store/audit-log.js');
    const r = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = { ...r, data: '{"forged":true}' };
    await db()
      .updateTable('audit_log')
      .set({ data: forged.data, hash: rowHash(r.prev_hash, forged) })
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAudit(f.ts.store.handle)).toMatchObject({
      ok: false,
      seq: 4,
      problem: expect.stringMatching(/does not follow/),
    });
  });

  it('detects a deleted row in the middle', async () => {
    await dropGuards();
    await db().deleteFrom('audit_log').where('seq', '=', 5).execute();
    expect(await verifyAudit(f.ts.store.handle)).toMatchObject({
      ok: false,
      seq: 5,
      problem: expect.stringMatching(/missing/),
    });
  });

  it('detects the newest rows removed', async () => {
    await dropGuards();
    await db().deleteFrom('audit_log').where('seq', '>=', 5).execute();
    expect(await verifyAudit(f.ts.store.handle)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/newest rows were removed/),
    });
  });

  it('detects two rows swapped', async () => {
    await dropGuards();
    const a = await db().selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const b = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const { seq: _a, ...restA } = a;
    const { seq: _b, ...restB } = b;
    await db().updateTable('audit_log').set(restB).where('seq', '=', 2).execute();
    await db().updateTable('audit_log').set(restA).where('seq', '=', 3).execute();
    expect(await verifyAudit(f.ts.store.handle)).toMatchObject({ ok: false, seq: 2 });
  });
});
