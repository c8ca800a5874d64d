// The workflow: submits per second (a check recorded as a case in one transaction, half of them
// escalating with an assignee and outbox rows) and decisions per second (approve on an open case:
// compare-and-set, decision row, audit chain, relationship, outbox), on SQLite and on PostgreSQL,
// sequentially from one client (what one instance does under a burst). Beside the PostgreSQL
// figures: the server's `fsync` and `synchronous_commit` (a commit's wait for the disk is most of a
// submit's time), and the round trips one submit makes, counted at a proxy that reads the wire
// protocol (test/support/pg-round-trips.ts; BEGIN and COMMIT count).

import { sql } from 'kysely';
import type { Backend } from '../src/store/backend.js';
import type { OpenDatabase } from '../src/store/open-database.js';
import { openStore } from '../src/store/open-store.js';
import { upsertPeople } from '../src/store/people-repo.js';
import { createWorkflow } from '../src/workflow/workflow.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { type PgRoundTripCounter, startPgRoundTripCounter } from '../test/support/pg-round-trips.js';
import { freshDatabaseUrl, makeTestStore } from '../test/support/test-stores.js';
import { peopleWithSlack } from '../test/support/workflow-fixture.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const N = Number(process.env.KOERS_BENCH_CASES ?? 1000);

const ROUND_TRIP_TARGET = 4;
const anna = { personId: 'u-anna', platform: 'slack' as const };
/** Even i: within Anna's mandate (registered); odd: escalates to her team lead. */
const proposal = (i: number) => ({
  partner: { name: `Partner ${i % 97}`, type: 'knowledge-institution' },
  priority: 'energy-transition',
  intensity: 'project',
  budget: i % 2 === 0 ? 5_000 : 20_000 + i,
  months: 6,
  direction: 'we_need' as const,
  requester: { id: 'u-anna', role: 'employee' },
});

async function workflowOn(store: OpenDatabase) {
  const strategy = exampleStrategy();
  await upsertPeople(store.handle, peopleWithSlack(strategy), new Date().toISOString());
  return createWorkflow({
    db: store.handle,
    backend: store.backend,
    strategy: () => strategy,
    clock: () => new Date(),
    platforms: () => ['slack'],
  });
}

let roundTripCalls = 0;

/** Round trips of one registered and one escalating submit, on a store opened through `counter`. */
export async function submitRoundTrips(
  store: OpenDatabase,
  counter: PgRoundTripCounter,
): Promise<{ registered: number; escalated: number }> {
  const wf = await workflowOn(store);
  // New partners each call: a partner already in the register makes the check read its owners.
  const base = (roundTripCalls++ % 20) * 4;
  await wf.submit(anna, proposal(base));
  await wf.submit(anna, proposal(base + 1));
  counter.reset();
  await wf.submit(anna, proposal(base + 2));
  const registered = counter.count();
  counter.reset();
  await wf.submit(anna, proposal(base + 3));
  const escalated = counter.count();
  return { registered, escalated };
}

async function roundTrips(): Promise<{ registered: number; escalated: number; settings: string }> {
  const fresh = await freshDatabaseUrl('postgres');
  const url = new URL(fresh.url);
  const counter = await startPgRoundTripCounter(url.hostname, Number(url.port || 5432));
  url.hostname = '127.0.0.1';
  url.port = String(counter.port);
  const store = await openStore(url.toString());
  try {
    const trips = await submitRoundTrips(store, counter);
    const { rows } = await sql<{ name: string; setting: string }>`
      select name, setting from pg_settings where name in ('fsync', 'synchronous_commit') order by name`.execute(
      store.db,
    );
    return { ...trips, settings: rows.map((r) => `${r.name}=${r.setting}`).join(', ') };
  } finally {
    await store.close();
    await counter.close();
    await fresh.drop();
  }
}

async function measure(backend: Backend): Promise<BenchResult[]> {
  const ts = await makeTestStore(backend);
  try {
    const wf = await workflowOn(ts.store);
    const open: number[] = [];
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      const out = await wf.submit(anna, proposal(i));
      if (out.ok && out.case.state === 'open') open.push(out.case.id);
    }
    const submitS = Number(process.hrtime.bigint() - t0) / 1e9;
    t0 = process.hrtime.bigint();
    for (const caseId of open) {
      await wf.decide(
        { personId: 'u-bram', platform: 'slack' },
        { action: 'approve', caseId, step: 0, version: 1 },
      );
    }
    const decideS = Number(process.hrtime.bigint() - t0) / 1e9;
    const pg = backend === 'postgres' ? await roundTrips() : null;
    return [
      {
        name: `submits/s (${backend})`,
        value: N / submitS,
        unit: '/s',
        note: `${N} submits, ${open.length} escalated${pg ? `; server ${pg.settings}` : '; synchronous=FULL (WAL)'}`,
      },
      ...(pg
        ? [
            {
              name: 'round trips per registered submit (postgres)',
              value: pg.registered,
              unit: 'round trips',
              target: { value: ROUND_TRIP_TARGET, kind: 'max' as const },
              note: 'Query + Sync messages at a proxy; BEGIN and COMMIT count',
            },
            {
              name: 'round trips per escalating submit (postgres)',
              value: pg.escalated,
              unit: 'round trips',
              target: { value: ROUND_TRIP_TARGET, kind: 'max' as const },
            },
          ]
        : []),
      {
        name: `decisions/s (${backend})`,
        value: open.length / decideS,
        unit: '/s',
        note: `${open.length} approvals`,
      },
    ];
  } finally {
    await ts.drop();
  }
}

const bench: BenchModule = {
  title: 'Workflow: submits and decisions',
  async run() {
    return [...(await measure('sqlite')), ...(await measure('postgres'))];
  },
};
export default bench;
