// `koers export --cases` through the real, built command, on cases the workflow made in the
// workspace's own SQLite file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { upsertPeople } from '../../src/store/people-repo.js';
import { CASE_COLUMNS } from '../../src/workflow/export-cases.js';
import { createWorkflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { ANNA, proposal } from '../support/proposals.js';
import { workspace } from './run-koers.js';

/** A workspace with three cases: registered on 23 Nov, approved on 23 Nov, open since 25 Nov. */
async function withCases() {
  const ws = workspace();
  const store = await openStore(`sqlite:${ws.dbPath}`);
  try {
    const strategy = exampleStrategy();
    let now = new Date('2026-11-23T09:00:00.000Z');
    await upsertPeople(store.handle, strategy.people, now.toISOString());
    const wf = createWorkflow({
      db: store.handle,
      backend: store.backend,
      strategy: () => strategy,
      clock: () => now,
      platforms: () => ['slack'],
    });
    const anna = { personId: 'u-anna', platform: 'cli' as const };
    await wf.submit(anna, proposal({ requester: ANNA, confidential: true }));
    const escalated = await wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!escalated.ok) throw new Error('submit refused');
    now = new Date('2026-11-23T10:30:00.000Z');
    await wf.decide(
      { personId: 'u-bram', platform: 'slack' },
      { action: 'approve', caseId: escalated.case.id, step: 0, version: 1 },
    );
    now = new Date('2026-11-25T08:00:00.000Z');
    await wf.submit(anna, proposal({ requester: ANNA, partner: { name: '+Plus BV', type: 'commercial' } }));
  } finally {
    await store.close();
  }
  return ws;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('koers export --cases', () => {
  it('writes every case with its decisions as JSON by default', async () => {
    const { run } = await withCases();
    const r = await run(['export', '--cases']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const cases = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(cases.map((c) => [c.id, c.state, c.confidential])).toEqual([
      [1, 'registered', true],
      [2, 'approved', false],
      [3, 'open', false],
    ]);
    expect(cases[1]?.decisions).toEqual([
      {
        action: 'approve',
        by: 'u-bram',
        on_behalf_of: null,
        step: 0,
        step_role: 'team-lead',
        reason: null,
        at: '2026-11-23T10:30:00.000Z',
      },
    ]);
  });

  it('writes CSV to a file with --output, only the cases since a date, formulas neutralised', async () => {
    const { paths, run } = await withCases();
    const out = join(paths.dir, 'cases.csv');
    const r = await run(['export', '--cases', '--format', 'csv', '--since', '2026-11-24', '--output', out]);
    expect([r.code, r.stdout]).toEqual([0, `exported 1 case(s) to ${out}\n`]);
    const csv = lines(readFileSync(out, 'utf8'));
    expect(csv).toHaveLength(2);
    expect(csv[0]).toBe(CASE_COLUMNS.join(','));
    expect(csv[1]).toMatch(/^3,check,,'\+Plus BV,commercial,energy-transition,project,5000,6,we_need,no,/);
    const all = await run(['export', '--cases', '--format', 'csv']);
    expect(lines(all.stdout)[2]).toMatch(/,approve by u-bram at step team-lead 2026-11-23T10:30Z$/);
  });

  it('exits 2 with a clear message for a date that is not YYYY-MM-DD or not a real day', async () => {
    const { run } = workspace();
    for (const since of ['24-11-2026', '2026-02-30', 'yesterday']) {
      const r = await run(['export', '--cases', '--since', since]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.errors[0]).toBe(`--since must be a date as YYYY-MM-DD, not "${since}"`);
    }
  });

  it('exits 2 for --since without --cases, and for an unknown format', async () => {
    const { run } = workspace();
    const since = await run(['export', '--since', '2026-11-24']);
    expect([since.code, since.errors[0]]).toEqual([2, '--since goes with --cases']);
    const format = await run(['export', '--cases', '--format', 'xml']);
    expect([format.code, format.errors[0]]).toEqual([2, '--format must be csv or json, not "xml"']);
  });
});
