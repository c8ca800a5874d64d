// The workflow bench prints how many round trips a submit makes to PostgreSQL (target: at most
// 4), counted at a proxy that reads the wire protocol. This checks the counter against queries
// whose round trips are known, and that a submit's count is the same every time (so the printed
// figure is the submit's, not noise).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRoundTrips } from '../../bench/workflow.js';
import type { OpenDatabase } from '../../src/store/open-database.js';
import { openStore } from '../../src/store/open-store.js';
import { type PgRoundTripCounter, startPgRoundTripCounter } from '../support/pg-round-trips.js';
import { freshDatabaseUrl } from '../support/test-stores.js';

describe('round trips to PostgreSQL, counted at a proxy', () => {
  let counter: PgRoundTripCounter;
  let store: OpenDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl('postgres');
    drop = fresh.drop;
    const url = new URL(fresh.url);
    counter = await startPgRoundTripCounter(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(counter.port);
    store = await openStore(url.toString());
  });
  afterAll(async () => {
    await store?.close();
    await counter?.close();
    await drop?.();
  });

  it('counts one per query, and BEGIN and COMMIT as one each', async () => {
    await sql`select 1`.execute(store.db);
    counter.reset();
    await store.db.selectFrom('people').select('id').where('id', '=', 'x').execute();
    expect(counter.count()).toBe(1);
    counter.reset();
    await store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('people').select('id').execute();
      await trx.selectFrom('cases').select('id').execute();
    });
    const log = counter.log().map((l) => l.toLowerCase());
    expect(log).toHaveLength(4);
    expect(log[0]).toBe('q begin');
    expect(log[3]).toBe('q commit');
  });

  it('a submit makes the same number of round trips each time', async () => {
    const first = await submitRoundTrips(store, counter);
    const second = await submitRoundTrips(store, counter);
    expect(first.registered).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('a submit makes at most four: BEGIN, one read of its context, one batched write, COMMIT', async () => {
    const before = await store.db
      .selectFrom('cases')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const trips = await submitRoundTrips(store, counter);
    expect(trips.registered).toBeLessThanOrEqual(4);
    expect(trips.escalated).toBeLessThanOrEqual(4);
    // The batched write still writes everything: each submit's case, its audit rows, and the
    // escalated one's approval request in the outbox.
    const after = await store.db
      .selectFrom('cases')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(4);
    const newest = await store.db
      .selectFrom('cases')
      .select(['id', 'state'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    const [escalated, registered] = newest;
    expect(registered?.state).not.toBe('open');
    expect(escalated?.state).toBe('open');
    const audited = await store.db
      .selectFrom('audit_log')
      .select('case_id')
      .where(
        'case_id',
        'in',
        newest.map((c) => c.id),
      )
      .execute();
    expect(new Set(audited.map((a) => a.case_id)).size).toBe(2);
    const requests = await store.db
      .selectFrom('outbox')
      .select('kind')
      .where('case_id', '=', escalated?.id ?? -1)
      .execute();
    expect(requests.length).toBeGreaterThan(0);
  });
});
