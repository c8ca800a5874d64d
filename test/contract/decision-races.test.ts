// Exactly once under real concurrency: the same case decided at the same moment from separate
// connections and separate processes gives one decision and one "already decided", every round.
// (better-sqlite3 is synchronous, so SQLite races are run across processes.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-log.js';
import type { Backend } from '../../src/store/backend.js';
import { upsertPeople } from '../../src/store/people-repo.js';
import { createWorkflow, type Workflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { LineProcess } from '../support/line-process.js';
import { ANNA, proposal } from '../support/proposals.js';
import { makeTestStore, type TestStore } from '../support/test-stores.js';
import { peopleWithSlack } from '../support/workflow-fixture.js';

const ROUNDS = Number(process.env.KOERS_RACE_ROUNDS ?? 1000);
const strategy = exampleStrategy();

function workflowOn(store: TestStore['store']): Workflow {
  return createWorkflow({
    db: store.handle,
    backend: store.backend,
    strategy: () => strategy,
    clock: () => new Date('2026-11-23T10:00:00Z'),
    platforms: () => ['slack'],
  });
}

async function openCases(ts: TestStore, n: number): Promise<number[]> {
  await upsertPeople(ts.store.handle, peopleWithSlack(strategy), '2026-11-23T09:00:00Z');
  const wf = workflowOn(ts.store);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = await wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({ requester: ANNA, budget: 20_000 + i }),
    );
    if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
    ids.push(out.case.id);
  }
  return ids;
}

async function assertOneDecisionEach(ts: TestStore, ids: number[]) {
  const rows = await ts.store.db
    .selectFrom('decisions')
    .select(['case_id', ts.store.db.fn.countAll<number>().as('n')])
    .groupBy('case_id')
    .execute();
  const counts = new Map(rows.map((r) => [Number(r.case_id), Number(r.n)]));
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  const closed = await ts.store.db.selectFrom('cases').select('state').where('id', 'in', ids).execute();
  expect(closed.every((c) => c.state === 'approved' || c.state === 'rejected')).toBe(true);
  const approvedCases = closed.filter((c) => c.state === 'approved').length;
  const relationships = await ts.store.db
    .selectFrom('relationships')
    .select('case_id')
    .where('case_id', 'in', ids)
    .execute();
  expect(relationships).toHaveLength(approvedCases);
  expect(await verifyAudit(ts.store.handle)).toMatchObject({ ok: true });
}

describe('racing decisions on PostgreSQL across separate connections', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await makeTestStore('postgres');
  });
  afterAll(async () => {
    await ts?.drop();
  });

  it(`gives exactly one decision in each of ${ROUNDS} rounds of approve against reject`, async () => {
    const ids = await openCases(ts, ROUNDS);
    const a = workflowOn(await ts.reopen());
    const b = workflowOn(await ts.reopen());
    let wins = 0;
    for (const caseId of ids) {
      const [x, y] = await Promise.all([
        a.decide(
          { personId: 'u-bram', platform: 'slack' },
          { action: 'approve', caseId, step: 0, version: 1 },
        ),
        b.decide(
          { personId: 'u-bram', platform: 'teams' },
          { action: 'reject', caseId, step: 0, version: 1, reason: 'race' },
        ),
      ]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      const loser = x.ok ? y : x;
      expect(loser.ok ? null : loser.refusal).toMatch(/^(stale|closed)$/);
      wins++;
    }
    expect(wins).toBe(ROUNDS);
    await assertOneDecisionEach(ts, ids);
  }, 300_000);
});

describe.each<Backend>(['postgres', 'sqlite'])('racing decisions across two processes on %s', (backend) => {
  let ts: TestStore;
  let workers: LineProcess[] = [];
  beforeAll(async () => {
    ts = await makeTestStore(backend);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await ts?.drop();
  });

  it(`gives exactly one decision in each of ${ROUNDS} rounds`, async () => {
    const rounds = backend === 'sqlite' ? Math.ceil(ROUNDS / 2) : ROUNDS;
    const ids = await openCases(ts, rounds);
    const script = new URL('../support/race-worker.ts', import.meta.url).pathname;
    workers = [0, 1].map(
      () => new LineProcess(process.execPath, ['--import', 'tsx', script, ts.url, 'u-bram']),
    );
    await Promise.all(workers.map(async (w) => expect(await w.next(60_000)).toBe('ready')));
    for (const caseId of ids) {
      workers[0]?.send(`${caseId} 0 1 approve`);
      workers[1]?.send(`${caseId} 0 1 reject`);
      const answers = await Promise.all(
        workers.map(async (w) => JSON.parse(await w.next()) as { ok: boolean; refusal: string | null }),
      );
      expect(answers.filter((r) => r.ok)).toHaveLength(1);
      expect(answers.find((r) => !r.ok)?.refusal).toMatch(/^(stale|closed)$/);
    }
    await assertOneDecisionEach(ts, ids);
  }, 600_000);
});
