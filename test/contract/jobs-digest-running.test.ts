// Calibration's "never used" is about today, on both backends: a rule used since the period ended
// (a check made a minute ago included, before case_rules holds it) is not "never used".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDigest } from '../../src/jobs/compute-digest.js';
import { digestSchedule } from '../../src/jobs/digest-schedule.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const anna = { personId: 'u-anna', platform: 'slack' as const };

describe.each(BACKENDS)('the digest up to now on %s', (backend) => {
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
    db: f.ts.store.db,
    backend,
    strategy: () => f.strategy,
    clock: f.clock.now,
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
