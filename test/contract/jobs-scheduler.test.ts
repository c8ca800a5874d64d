// The scheduler with an injected clock, on both backends: a year of weekly digests across both
// DST changes (also inside the spring-forward gap and the doubled autumn hour), reminders and
// pass-up at the right hours, missed-run catch-up, a fresh install, a dead holder's run taken
// over, and SQLite's single scheduler.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { wallTime } from '../../src/domain/digest/period.js';
import { loadDigestRun } from '../../src/jobs/digest-runs.js';
import { digestSchedule } from '../../src/jobs/digest-schedule.js';
import { digestRows, outboxOf, schedulerOn } from '../jobs/support/scheduler-fixture.js';
import { EXAMPLE_STRATEGY_PATH, strategyFromText } from '../support/example-strategy.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const AMS = 'Europe/Amsterdam';
const MIN = 60_000;
const HOUR = 60 * MIN;

function strategyWithCron(cron: string) {
  return strategyFromText(
    readFileSync(EXAMPLE_STRATEGY_PATH, 'utf8').replace('cron: "0 8 * * 1"', `cron: "${cron}"`),
  );
}

/**
 * Tick times over a year: every 30 minutes from 3 hours before to 3 hours after the digest's
 * local weekday and time (read off the wall clock, not from croner), at most 12 hours apart
 * otherwise, never stepping over that window.
 */
function tickTimes(from: string, to: string, weekday: number, hour: number, minute: number): Date[] {
  const out: Date[] = [];
  const end = Date.parse(to);
  const WEEK = 7 * 24 * 60;
  const WINDOW = 3 * 60;
  const target = weekday * 24 * 60 + hour * 60 + minute;
  for (let t = Date.parse(from); t < end; ) {
    out.push(new Date(t));
    const w = wallTime(new Date(t), AMS);
    const day = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    const delta =
      ((((day * 24 * 60 + w.hour * 60 + w.minute - target) % WEEK) + WEEK + WEEK / 2) % WEEK) - WEEK / 2;
    const toWindow = (((-WINDOW - delta) % WEEK) + WEEK) % WEEK;
    t += Math.abs(delta) <= WINDOW ? 30 * MIN : Math.max(30, Math.min(12 * 60, toWindow)) * MIN;
  }
  return out;
}

describe.each(BACKENDS)('the scheduler on %s', (backend) => {
  let f: WorkflowFixture;
  afterEach(async () => {
    await f?.drop();
  });

  for (const [cron, weekday, local] of [
    ['30 2 * * 0', 0, '02:30'],
    ['0 8 * * 1', 1, '08:00'],
  ] as const) {
    const [hour, minute] = local.split(':').map(Number) as [number, number];
    it(`sends exactly one digest a week through 2026 for "${cron}" at ${local} Amsterdam time${backend === 'postgres' ? ', with two instances ticking at once' : ''}`, async () => {
      f = await workflowFixture(backend, { strategy: strategyWithCron(cron) });
      f.clock.current = new Date('2025-12-31T12:00:00.000Z');
      const a = schedulerOn(f, { instanceId: 'a' });
      const others =
        backend === 'postgres' ? [schedulerOn(f, { instanceId: 'b', db: (await f.ts.reopen()).handle })] : [];
      for (const t of tickTimes(
        '2025-12-31T12:00:00.000Z',
        '2027-01-01T00:00:00.000Z',
        weekday,
        hour,
        minute,
      )) {
        f.clock.current = t;
        const reports = await Promise.all([a, ...others].map((s) => s.scheduler.tick()));
        for (const r of reports) expect(r.errors).toEqual([]);
      }
      const runs = await digestRows(f.ts.store.db);
      expect(runs).toHaveLength(52);
      for (const r of runs) {
        const w = wallTime(new Date(r.occurrence_at), AMS);
        const expected = r.occurrence_at === '2026-03-29T01:00:00.000Z' ? '03:00' : local;
        expect(
          `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
          r.occurrence_at,
        ).toBe(expected);
        expect(r.run_key).toBe(`digest:${r.occurrence_at}`);
        expect(r).toMatchObject({ status: 'done', trigger: 'schedule' });
        expect(Date.parse(r.done_at as string) - Date.parse(r.occurrence_at)).toBeLessThan(30 * MIN);
      }
      const weeks = runs.map((r) => Date.parse(r.occurrence_at));
      for (let i = 1; i < weeks.length; i++)
        expect(Math.abs((weeks[i] as number) - (weeks[i - 1] as number) - 168 * HOUR)).toBeLessThanOrEqual(
          HOUR,
        );
      if (cron === '30 2 * * 0') {
        expect(runs.map((r) => r.occurrence_at)).toContain('2026-03-29T01:00:00.000Z');
        expect(runs.filter((r) => r.occurrence_at.startsWith('2026-10-25'))).toHaveLength(1);
      }
      const posts = await outboxOf(f.ts.store.db, 'digest');
      expect(posts).toHaveLength(52);
      expect(posts[0]).toMatchObject({
        platform: 'slack',
        target: { channel: 'allianceTeam' },
        payload: { runKey: runs[0]?.run_key },
      });
      expect(new Set(posts.map((p) => p.dedupe_key)).size).toBe(52);
    }, 180_000);
  }

  it('reminds after 24 hours and passes up after 72, once each, driven by the scheduler', async () => {
    f = await workflowFixture(backend);
    const submitted = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({ requester: ANNA, budget: 20_000 }),
    );
    if (!submitted.ok) throw new Error('submit refused');
    const a = schedulerOn(f, { instanceId: 'a' });
    const b = schedulerOn(f, { instanceId: 'b', db: (await f.ts.reopen()).handle });
    const seen: Record<string, number> = {};
    for (let h = 1; h <= 100; h++) {
      f.clock.advanceHours(1);
      // better-sqlite3 blocks the thread: two connections of one process must not tick at once.
      const reports =
        backend === 'postgres'
          ? await Promise.all([a.scheduler.tick(), b.scheduler.tick()])
          : [await a.scheduler.tick(), await b.scheduler.tick()];
      for (const r of reports) {
        for (const _ of r.escalation?.reminded ?? []) seen[`remind@${h}`] = (seen[`remind@${h}`] ?? 0) + 1;
        for (const _ of r.escalation?.passedUp ?? []) seen[`passup@${h}`] = (seen[`passup@${h}`] ?? 0) + 1;
      }
    }
    // SQLite runs one scheduler (b stands by); on PostgreSQL both tick and each effect happens once.
    expect(seen).toEqual({ 'remind@24': 1, 'passup@72': 1, 'remind@96': 1 });
    const reminders = await outboxOf(f.ts.store.db, 'reminder');
    expect(reminders.map((r) => r.target)).toEqual([{ person: 'u-bram' }, { person: 'u-carla' }]);
    expect(await f.wf.getCase(submitted.case.id)).toMatchObject({ step: 1, assigneeId: 'u-carla' });
  });

  it('sends nothing on a fresh install, then the first digest at its time', async () => {
    f = await workflowFixture(backend);
    f.clock.current = new Date('2026-11-25T10:00:00.000Z');
    const a = schedulerOn(f);
    await a.scheduler.tick();
    expect(await digestRows(f.ts.store.db)).toEqual([]);
    expect(a.lines.find((l) => l.msg.includes('first time'))).toMatchObject({
      nextDigest: '2026-11-30T07:00:00.000Z',
    });
    f.clock.current = new Date('2026-11-30T07:00:10.000Z');
    await a.scheduler.tick();
    await a.scheduler.tick();
    expect((await digestRows(f.ts.store.db)).map((r) => [r.run_key, r.trigger])).toEqual([
      ['digest:2026-11-30T07:00:00.000Z', 'schedule'],
    ]);
  });

  it('sends two missed weeks once, as a catch-up of the latest, and says so in the log', async () => {
    f = await workflowFixture(backend);
    const db = f.ts.store.db;
    await db
      .insertInto('job_state')
      .values({
        key: 'scheduler.first_start',
        value: '2026-10-01T08:00:00.000Z',
        updated_at: '2026-10-01T08:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('digest_runs')
      .values({
        run_key: 'digest:2026-11-16T07:00:00.000Z',
        occurrence_at: '2026-11-16T07:00:00.000Z',
        period_label: '2026-W46',
        period_start: '2026-11-09T07:00:00.000Z',
        period_end: '2026-11-16T07:00:00.000Z',
        trigger: 'schedule',
        status: 'done',
        claimed_by: 'gone',
        lease_until: '2026-11-16T07:02:00.000Z',
        attempts: 1,
        digest: null,
        chart_png: null,
        created_at: '2026-11-16T07:00:00.000Z',
        updated_at: '2026-11-16T07:00:00.000Z',
        done_at: '2026-11-16T07:00:05.000Z',
      })
      .execute();
    f.clock.current = new Date('2026-12-01T10:00:00.000Z'); // two Mondays later, every instance was down
    const a = schedulerOn(f);
    await a.scheduler.start();
    await a.scheduler.tick();
    f.clock.advanceHours(5);
    await a.scheduler.tick();
    await a.scheduler.stop();
    const runs = await digestRows(db);
    expect(runs.map((r) => [r.run_key, r.trigger])).toEqual([
      ['digest:2026-11-16T07:00:00.000Z', 'schedule'],
      ['digest:2026-11-30T07:00:00.000Z', 'catch_up'],
    ]);
    expect(await outboxOf(db, 'digest')).toHaveLength(1);
    const catchUp = a.lines.filter((l) => l.msg.startsWith('catching up'));
    expect(catchUp).toHaveLength(1);
    expect(catchUp[0]).toMatchObject({
      occurrence: '2026-11-30T07:00:00.000Z',
      missedOccurrences: 2,
      skipped: 1,
    });
  });

  it('finishes a run whose holder died mid-way, with the content it stored, posting once', async () => {
    f = await workflowFixture(backend);
    const db = f.ts.store.db;
    f.clock.current = new Date('2026-11-30T07:00:30.000Z');
    const dying = schedulerOn(f, {
      instanceId: 'dying',
      runLeaseMs: 2 * MIN,
      fault: (point) => {
        if (point === 'mid_digest') throw Object.assign(new Error('killed mid-run'), { code: 'TEST_KILL' });
      },
    });
    await db
      .insertInto('job_state')
      .values({
        key: 'scheduler.first_start',
        value: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    const died = await dying.scheduler.tick();
    expect(died.errors).toEqual([{ job: 'digest', error: 'killed mid-run' }]);
    const stored = await loadDigestRun(f.ts.store.handle, 'digest:2026-11-30T07:00:00.000Z');
    expect(stored?.status).toBe('claimed');
    expect(stored?.chartPng?.subarray(1, 4).toString()).toBe('PNG');

    const heir = schedulerOn(f, { instanceId: 'heir', runLeaseMs: 2 * MIN, leaseStaleMs: 60 * MIN });
    if (backend === 'sqlite') await db.deleteFrom('scheduler_leases').execute(); // the dead process's lease
    f.clock.current = new Date('2026-11-30T07:01:30.000Z'); // the lease still holds
    expect((await heir.scheduler.tick()).digest).toEqual([]);
    f.clock.current = new Date('2026-11-30T07:03:00.000Z'); // now it has run out
    const report = await heir.scheduler.tick();
    expect(report.digest).toMatchObject([{ status: 'sent', takenOverFrom: 'dying', posts: 1 }]);
    await heir.scheduler.tick();
    const after = await loadDigestRun(f.ts.store.handle, 'digest:2026-11-30T07:00:00.000Z');
    expect(after?.status).toBe('done');
    expect(after?.digest).toEqual(stored?.digest);
    expect(await outboxOf(db, 'digest')).toHaveLength(1);
    expect((await digestRows(db))[0]).toMatchObject({ claimed_by: 'heir', attempts: 2 });
    expect(heir.lines.some((l) => l.msg === 'took over a digest run whose holder stopped')).toBe(true);
  });

  it('keeps the next run from the newest claim, also one made by `koers digest --send`', async () => {
    f = await workflowFixture(backend);
    f.clock.current = new Date('2026-11-02T00:00:00.000Z');
    const a = schedulerOn(f);
    await a.scheduler.tick();
    const s = digestSchedule('0 8 * * 1', AMS);
    expect(s.latestAtOrBefore(new Date('2026-11-30T07:00:00.000Z'))?.toISOString()).toBe(
      '2026-11-30T07:00:00.000Z',
    );
    f.clock.current = new Date('2026-11-30T07:05:00.000Z');
    await a.scheduler.tick();
    await a.scheduler.tick();
    expect((await digestRows(f.ts.store.db)).map((r) => r.run_key)).toEqual([
      'digest:2026-11-30T07:00:00.000Z',
    ]);
  });
});

describe('SQLite runs one scheduler per database', () => {
  let f: WorkflowFixture;
  afterEach(async () => {
    await f?.drop();
  });

  it('refuses a second scheduler with a clear message, and takes over a lease gone stale', async () => {
    f = await workflowFixture('sqlite');
    f.clock.current = new Date('2026-11-25T10:00:00.000Z');
    const first = schedulerOn(f, { instanceId: 'first', tickMs: 10_000 });
    const second = schedulerOn(f, { instanceId: 'second', tickMs: 10_000, db: (await f.ts.reopen()).handle });
    expect(await first.scheduler.tick()).toMatchObject({ role: 'active' });
    expect(await second.scheduler.tick()).toMatchObject({ role: 'standby' });
    const refusal = second.lines.find((l) => l.level === 50);
    expect(refusal?.msg).toMatch(
      /another Koers process runs the scheduler on this SQLite database; this one will not run it/,
    );
    expect(refusal).toMatchObject({ holder: 'first' });

    f.clock.current = new Date(f.clock.current.getTime() + 20_000); // two ticks: the first still beats
    expect(await first.scheduler.tick()).toMatchObject({ role: 'active' });
    expect(await second.scheduler.tick()).toMatchObject({ role: 'standby' });
    expect(second.lines.filter((l) => l.level === 50)).toHaveLength(1); // said once, not every tick

    f.clock.current = new Date(f.clock.current.getTime() + 31_000); // first died: no heartbeat for > 3 ticks
    expect(await second.scheduler.tick()).toMatchObject({ role: 'active' });
    expect(
      second.lines.find((l) => l.msg === 'took over the scheduler lease of a process that stopped'),
    ).toMatchObject({ from: 'first' });
    expect(await first.scheduler.tick()).toMatchObject({ role: 'standby' });
  });

  it('hands the lease over at once when the holder stops cleanly', async () => {
    f = await workflowFixture('sqlite');
    const first = schedulerOn(f, { instanceId: 'first' });
    const second = schedulerOn(f, { instanceId: 'second', db: (await f.ts.reopen()).handle });
    expect(await first.scheduler.start()).toEqual({ role: 'active' });
    expect(await second.scheduler.tick()).toMatchObject({ role: 'standby' });
    await first.scheduler.stop();
    expect(await second.scheduler.tick()).toMatchObject({ role: 'active' });
  });
});
