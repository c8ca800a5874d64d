// The scheduled directory sync: once per interval across instances (two schedulers on one
// PostgreSQL database claim it once), and what operators see of it: the last success in
// /metrics, and /readyz saying when the last good sync is older than three intervals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { loadStrategyFile } from '../../src/strategy-file/load-strategy-file.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { ENTRA_ROLES, organisation, strategyWithDirectory } from '../support/directory-strategy.js';
import { type FakeGraph, startFakeGraph } from '../support/fake-graph.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

function strategyFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'koers-dir-')), 'strategy.yaml');
  writeFileSync(
    path,
    strategyWithDirectory(`  source: entra\n  every: 1h\n${ENTRA_ROLES}`, { keepPeople: true }),
  );
  return path;
}

describe('the scheduled directory sync', () => {
  let f: WorkflowFixture | null = null;
  let t: TestApp | null = null;
  let g: FakeGraph | null = null;
  afterEach(async () => {
    await f?.drop();
    await t?.stop();
    await g?.close();
    f = null;
    t = null;
    g = null;
  });

  it('runs once per interval across two instances on one PostgreSQL database', async () => {
    const strategy = loadStrategyFile(strategyFile());
    f = await workflowFixture('postgres', { strategy });
    const runs: string[] = [];
    const scheduler = (name: string) =>
      createScheduler({
        db: f?.ts.store.handle as WorkflowFixture['ts']['store']['handle'],
        backend: 'postgres',
        strategy: () => strategy,
        clock: (f as WorkflowFixture).clock.now,
        logger: pino({ level: 'silent' }),
        workflow: (f as WorkflowFixture).wf,
        instanceId: name,
        directorySync: async () => {
          runs.push(name);
        },
      });
    const a = scheduler('a');
    const b = scheduler('b');
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    (f as WorkflowFixture).clock.advanceHours(0.5);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    (f as WorkflowFixture).clock.advanceHours(0.6);
    await Promise.all([b.tick(), a.tick()]);
    expect(runs).toHaveLength(2);
  });

  it('shows the last sync in /metrics and /readyz, and says when it is stale', async () => {
    g = await startFakeGraph();
    for (const u of organisation(30)) g.users.set(u.id, u);
    let now = new Date('2026-12-03T09:00:00Z');
    t = await startTestApp({
      channels: [],
      scheduler: true,
      clock: () => now,
      env: {
        KOERS_STRATEGY: strategyFile(),
        MicrosoftAppId: 'app-1',
        MicrosoftAppPassword: 'secret-1',
        MicrosoftAppTenantId: 'tenant-1',
        KOERS_GRAPH_URL: g.url,
        KOERS_LOGIN_URL: g.loginUrl,
      },
    });
    const ready = async () => (await (await fetch(`${t?.url}/readyz`)).json()) as Record<string, unknown>;
    // The scheduler's first tick at start ran the sync; the same interval does not run it again.
    const report = await t.app.parts.scheduler?.tick();
    expect(report?.directory).toBe(false);
    const people = await t.app.parts.store.db.selectFrom('people').select('id').execute();
    expect(people.length).toBeGreaterThanOrEqual(30);
    expect(await ready()).toMatchObject({
      directory: { status: 'fresh', lastSyncAt: '2026-12-03T09:00:00.000Z' },
    });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/koers_directory_sync_last_timestamp_seconds\{result="success"\} 1796288400/);
    expect(metrics).toMatch(/koers_scheduler_runs_total\{job="directory",result="ran"\} 1/);
    // Three intervals and a bit later, with the directory refusing: stale, and the failure shown.
    now = new Date('2026-12-03T12:30:00Z');
    g.options.throttle = { count: 0, retryAfter: 1 };
    g.users.clear();
    await g.close();
    g = null;
    const failed = await t.app.parts.scheduler?.tick();
    expect(failed?.errors.map((e) => e.job)).toContain('directory');
    expect(await ready()).toMatchObject({ ready: true, directory: { status: 'stale' } });
    const after = await (await fetch(`${t.url}/metrics`)).text();
    expect(after).toMatch(/koers_directory_sync_last_timestamp_seconds\{result="failure"\} 1796301000/);
  });
});
