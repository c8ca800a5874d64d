// The workflow (issue 3): submits per second (a check recorded as a case in one transaction, half
// of them escalating with an assignee and outbox rows) and decisions per second (approve on an open
// case: compare-and-set, decision row, audit chain, relationship, outbox), on SQLite and on
// PostgreSQL, sequentially from one client (what one instance does under a burst).

import type { Backend } from '../src/store/backend.js';
import { upsertPeople } from '../src/store/people-repo.js';
import { createWorkflow } from '../src/workflow/workflow.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { makeTestStore } from '../test/support/test-stores.js';
import { peopleWithSlack } from '../test/support/workflow-fixture.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const N = Number(process.env.KOERS_BENCH_CASES ?? 1000);

async function measure(backend: Backend): Promise<BenchResult[]> {
  const ts = await makeTestStore(backend);
  try {
    const strategy = exampleStrategy();
    await upsertPeople(ts.store.db, peopleWithSlack(strategy), new Date().toISOString());
    const wf = createWorkflow({
      db: ts.store.db,
      backend,
      strategy: () => strategy,
      clock: () => new Date(),
      platforms: () => ['slack'],
    });
    const anna = { personId: 'u-anna', platform: 'slack' as const };
    const proposal = (i: number) => ({
      partner: { name: `Partner ${i % 97}`, type: 'knowledge-institution' },
      priority: 'energy-transition',
      intensity: 'project',
      budget: i % 2 === 0 ? 5_000 : 20_000 + i,
      months: 6,
      direction: 'we_need' as const,
      requester: { id: 'u-anna', role: 'employee' },
    });
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
    return [
      {
        name: `submits/s (${backend})`,
        value: N / submitS,
        unit: '/s',
        note: `${N} submits, ${open.length} escalated`,
      },
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
