// Instances compare due times and leases, so they take them from one clock. On PostgreSQL that is
// the database's: an instance whose own clock runs four minutes ahead still times its cases by
// the database. (On SQLite the database is on the same machine: there is one clock already.)
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseClock } from '../../src/store/database-clock.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { escalatedCase } from '../support/proposals.js';
import { makeTestStore, type TestStore } from '../support/test-stores.js';

const SKEW_MS = 240_000;
const ahead = () => new Date(Date.now() + SKEW_MS);

async function databaseNowMs(db: TestStore['store']['db']): Promise<number> {
  const r = await sql<{ ms: string | number }>`select extract(epoch from now()) * 1000 as ms`.execute(db);
  return Number(r.rows[0]?.ms);
}

describe('the database clock', () => {
  let ts: TestStore | null = null;
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
    await ts?.drop();
    ts = null;
  });

  it('PostgreSQL: measures this machine’s offset to the database and applies it', async () => {
    ts = await makeTestStore('postgres');
    const clock = await databaseClock(ts.store.handle, 'postgres', ahead);
    clock.stop();
    expect(Math.abs(clock.offsetMs() + SKEW_MS)).toBeLessThan(2_000);
    expect(Math.abs(clock.now().getTime() - (await databaseNowMs(ts.store.db)))).toBeLessThan(2_000);
  });

  it('SQLite: the machine’s clock is the database’s', async () => {
    ts = await makeTestStore('sqlite');
    const clock = await databaseClock(ts.store.handle, 'sqlite', ahead);
    expect(clock.offsetMs()).toBe(0);
  });

  it('PostgreSQL: an instance whose clock runs 4 minutes ahead opens and times a case by the database', async () => {
    t = await startTestApp({ channels: [], backend: 'postgres', clock: ahead, alignClockToDatabase: true });
    const opened = await escalatedCase(t.app.parts.workflow);
    const db = t.app.parts.store.db;
    const row = await db
      .selectFrom('cases')
      .select(['created_at', 'assigned_at'])
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    const dbNow = await databaseNowMs(db);
    expect(Math.abs(Date.parse(row.created_at) - dbNow)).toBeLessThan(5_000);
    expect(Math.abs(Date.parse(row.assigned_at ?? '') - dbNow)).toBeLessThan(5_000);
  });
});
