// The week so far, on both backends: the running period's digest counts what happened since the
// period started, up to now (a check made a minute ago included, before case_rules holds it), and
// claims nothing. Calibration's "never used" is about today, for the completed period too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDigest } from '../../src/jobs/compute-digest.js';
import { digestSchedule } from '../../src/jobs/digest-schedule.js';
import { computeRunningDigest } from '../../src/jobs/running-digest.js';
import { seedRelationships } from '../jobs/support/seed-portfolio.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const anna = { personId: 'u-anna', platform: 'slack' as const };

describe.each(BACKENDS)('the running period on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend);
    // Wednesday 2 December 2026, 10:00 in Amsterdam: the period started on Monday at 08:00.
    f.clock.current = new Date('2026-12-02T09:00:00.000Z');
  });
  afterEach(async () => {
    await f.drop();
  });

  const deps = () => ({
    db: f.ts.store.handle,
    backend,
    strategy: () => f.strategy,
    clock: f.clock.now,
  });

  it('counts this week up to now, a check made a minute ago included, and claims no run', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 25_000 }));
    expect(out.ok).toBe(true);
    f.clock.advanceHours(1 / 60);
    const digest = await computeRunningDigest(deps());
    expect(digest?.period).toMatchObject({
      running: true,
      start: '2026-11-30T07:00:00.000Z',
      end: '2026-12-02T09:01:00.000Z',
      occurrence: '2026-12-07T07:00:00.000Z',
      runKey: 'digest:2026-12-07T07:00:00.000Z',
      label: '2026-W49',
    });
    expect(digest?.thisWeek.checks).toMatchObject({ total: 1, escalate: 1 });
    const rules = Object.fromEntries(digest?.calibration.rules.map((r) => [r.code, r]) ?? []);
    expect(rules.budget_over_mandate).toMatchObject({ period: 1, window: 1 });
    expect(digest?.calibration.neverFiredInWindow).not.toContain('budget_over_mandate');
    expect(digest?.calibration.neverFiredInWindow).toContain('duration_over_mandate');
    expect(await f.ts.store.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);
  });

  it('counts what an import brought this week, leaving out what was imported as already ended', async () => {
    const at = '2026-12-01T12:00:00.000Z';
    const row = {
      owner: 'u-anna',
      unit: 'EK',
      priority: 'energy-transition',
      intensity: 'project',
      budget: 1,
    };
    await seedRelationships(f.ts.store.db, [
      { ...row, partner: 'Nieuw A', createdAt: at },
      { ...row, partner: 'Nieuw B', createdAt: at, status: 'planned' },
      { ...row, partner: 'Oud C', createdAt: at, status: 'ended', endDate: '2024-12-31' },
    ]);
    const digest = await computeRunningDigest(deps());
    expect(digest?.thisWeek).toMatchObject({ registered: 0, imported: 2, ended: 0 });
  });

  it('does not call a rule used since the completed period ended "never used"', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 25_000 }));
    expect(out.ok).toBe(true);
    f.clock.advanceHours(1 / 60);
    const now = f.clock.now();
    const schedule = digestSchedule(f.strategy.file.digest.cron, f.strategy.file.digest.timezone);
    const period = schedule.periodOf(schedule.latestAtOrBefore(now) as Date);
    expect(period.end).toBe('2026-11-30T07:00:00.000Z');
    const digest = await computeDigest({ ...deps(), strategy: f.strategy, period, asOf: now });
    const budget = digest.calibration.rules.find((r) => r.code === 'budget_over_mandate');
    // The completed period and its window saw no check; today's check still counts as use.
    expect(budget).toMatchObject({ period: 0, window: 0 });
    expect(digest.thisWeek.checks.total).toBe(0);
    expect(digest.calibration.neverFiredInWindow).not.toContain('budget_over_mandate');
    expect(digest.calibration.neverFiredInWindow).toContain('duration_over_mandate');
  });
});
