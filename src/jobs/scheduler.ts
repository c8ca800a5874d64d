// The scheduler: one loop per instance that, every tick, runs the escalation timers, the weekly
// digest when it is due, the review prompts, and once a day the retention of records kept only
// for a while (retention.ts). Every effect is claimed by a key in the
// database before anything is sent, so two to five instances on one PostgreSQL database do each
// thing once. SQLite is single-instance: a lease row keeps the scheduler to one process; a second
// process stands by (and says so) and takes over when the holder has died (its liveness lock,
// which dies with the process, is free) or its heartbeat goes stale.
import type { Logger } from 'pino';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { intervalMs } from '../domain/strategy/strategy-schema.js';
import type { Backend } from '../store/backend.js';
import { type InstanceLiveness, NO_LIVENESS } from '../store/instance-liveness.js';
import { claimKey } from '../store/processed-events.js';
import type { Db } from '../store/store-handle.js';
import type { TimerReport } from '../workflow/escalation-tick.js';
import type { Workflow } from '../workflow/workflow.js';
import { dueDigest } from './digest-due.js';
import { abandonedRuns, lastClaimedOccurrence } from './digest-runs.js';
import { digestSchedule, InvalidScheduleError } from './digest-schedule.js';
import { type RetentionReport, runRetention } from './retention.js';
import { promptDueReviews } from './reviews.js';
import { type DigestJobDeps, type DigestRunOutcome, runDigest } from './run-digest.js';
import { holdSchedulerLease, recordFirstStart, releaseSchedulerLease } from './scheduler-state.js';

export type SchedulerJob = 'escalation' | 'digest' | 'reviews' | 'retention' | 'directory';

export interface SchedulerOptions {
  db: Db;
  backend: Backend;
  strategy: () => Strategy;
  clock: () => Date;
  logger: Logger;
  workflow: Pick<Workflow, 'runEscalationTimers' | 'deps'>;
  /** Unique per process (e.g. host:pid:random): names claims and the SQLite lease. */
  instanceId: string;
  /** Time between ticks (default 30 s). Timers fire within one tick of being due. */
  tickMs?: number;
  /** How long a digest run's claim holds before another instance takes it over (default 2 min, at least 4 ticks). */
  runLeaseMs?: number;
  /** SQLite: a lease whose heartbeat is older than this is stale and taken over (default 3 ticks). */
  leaseStaleMs?: number;
  /** A digest run later than this after its occurrence is logged as a catch-up (default 10 min, at least 2 ticks). */
  lateAfterMs?: number;
  /** Review prompts per tick (default 200); the rest follow on the next ticks. */
  reviewBatch?: number;
  fault?: (point: string) => void;
  /** Tells which other instances are gone: their leases and digest runs are taken over at once. */
  liveness?: InstanceLiveness;
  fontFiles?: ReadonlyArray<string>;
  /**
   * One directory sync (the strategy's `directory:` section), run once per `every` across all
   * instances (claimed by its time slot); absent: no scheduled sync.
   */
  directorySync?: () => Promise<unknown>;
  /** Called after each job (for metrics: koers_scheduler_runs_total{job,result}). */
  onRun?: (job: SchedulerJob, result: string) => void;
}

export interface TickReport {
  role: 'active' | 'standby';
  escalation: TimerReport | null;
  digest: DigestRunOutcome[];
  reviews: number[];
  retention: RetentionReport | null;
  /** Whether this tick ran the directory sync (its slot was due and this instance claimed it). */
  directory: boolean;
  errors: Array<{ job: SchedulerJob; error: string }>;
}

export interface Scheduler {
  /** Runs a first tick, then keeps ticking every tickMs until stop(). */
  start(): Promise<{ role: 'active' | 'standby' }>;
  /** Stops ticking, waits for a tick in progress, and gives up the SQLite lease. */
  stop(): Promise<void>;
  /** One pass (tests call it with an injected clock). Never overlaps itself. */
  tick(): Promise<TickReport>;
}

export function createScheduler(o: SchedulerOptions): Scheduler {
  const tickMs = o.tickMs ?? 30_000;
  const log = o.logger.child({ component: 'scheduler', instance: o.instanceId });
  const liveness = o.liveness ?? NO_LIVENESS;
  const holderGone = (holder: string) => liveness.isGone(holder);
  const digestDeps: DigestJobDeps = {
    db: o.db,
    backend: o.backend,
    strategy: o.strategy,
    clock: o.clock,
    logger: log,
    platforms: () => o.workflow.deps.platforms(),
    instanceId: o.instanceId,
    runLeaseMs: o.runLeaseMs ?? Math.max(120_000, 4 * tickMs),
    holderGone,
    fault: o.fault,
    fontFiles: o.fontFiles,
  };
  const staleMs = o.leaseStaleMs ?? 3 * tickMs;
  const lateAfterMs = o.lateAfterMs ?? Math.max(600_000, 2 * tickMs);
  let firstStart: string | null = null;
  let standbyLogged = false;
  let badCron: string | null = null;
  let running: Promise<TickReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  async function role(now: Date): Promise<'active' | 'standby'> {
    if (o.backend !== 'sqlite') return 'active';
    const lease = await holdSchedulerLease(o.db, o.instanceId, now, staleMs, holderGone);
    if (!lease.held) {
      if (!standbyLogged) {
        log.error(
          { holder: lease.holder, heartbeatAt: lease.heartbeatAt },
          'another Koers process runs the scheduler on this SQLite database; this one will not run it (SQLite mode is single-instance: use PostgreSQL to run several)',
        );
        standbyLogged = true;
      } else log.debug({ holder: lease.holder }, 'scheduler tick: standing by');
      return 'standby';
    }
    if (lease.takenOverFrom)
      log.warn(
        { from: lease.takenOverFrom.holder, lastHeartbeat: lease.takenOverFrom.heartbeatAt },
        'took over the scheduler lease of a process that stopped',
      );
    else if (lease.acquired) log.info('scheduler lease acquired');
    standbyLogged = false;
    return 'active';
  }

  async function digestJob(now: Date): Promise<DigestRunOutcome[]> {
    const outcomes: DigestRunOutcome[] = [];
    // A run whose holder died mid-way: finish it first (its lease ran out).
    for (const run of await abandonedRuns(o.db, now, holderGone)) {
      const outcome = await runDigest(digestDeps, new Date(run.occurrence_at), run.trigger);
      outcomes.push(outcome);
    }
    const strategy = o.strategy();
    const { cron, timezone } = strategy.file.digest;
    let schedule: ReturnType<typeof digestSchedule>;
    try {
      schedule = digestSchedule(cron, timezone);
      badCron = null;
    } catch (err) {
      if (!(err instanceof InvalidScheduleError)) throw err;
      if (badCron !== cron)
        log.error(
          { cron, timezone, error: err.message },
          'digest.cron is not a valid schedule: no digest until it is fixed',
        );
      badCron = cron;
      return outcomes;
    }
    const due = dueDigest(
      schedule,
      now,
      firstStart as string,
      await lastClaimedOccurrence(o.db),
      lateAfterMs,
    );
    if (!due) return outcomes;
    if (due.catchUp) {
      log.warn(
        {
          occurrence: due.occurrence.toISOString(),
          missedOccurrences: due.missed,
          skipped: due.missed - 1,
          lateMinutes: Math.round(due.lateMs / 60_000),
        },
        'catching up a missed digest: no instance was running at its time; sending the latest missed digest once',
      );
    }
    outcomes.push(await runDigest(digestDeps, due.occurrence, due.catchUp ? 'catch_up' : 'schedule'));
    return outcomes;
  }

  async function guarded<T>(
    job: SchedulerJob,
    report: TickReport,
    fn: () => Promise<T>,
    result: (v: T) => string,
  ): Promise<T | null> {
    try {
      const v = await fn();
      o.onRun?.(job, result(v));
      return v;
    } catch (err) {
      log.error({ err, job }, 'scheduled job failed; it is tried again on the next tick');
      report.errors.push({ job, error: (err as Error).message ?? String(err) });
      o.onRun?.(job, 'error');
      return null;
    }
  }

  async function tickOnce(): Promise<TickReport> {
    const now = o.clock();
    const report: TickReport = {
      role: await role(now),
      escalation: null,
      digest: [],
      reviews: [],
      retention: null,
      directory: false,
      errors: [],
    };
    if (report.role === 'standby') return report;
    if (firstStart === null) {
      const first = await recordFirstStart(o.db, now);
      firstStart = first.firstStart;
      if (first.fresh) {
        const next = safeNext(o.strategy(), now);
        log.info(
          { firstStart, nextDigest: next },
          'scheduler started for the first time on this database: digests start with the next occurrence',
        );
      }
    }
    report.escalation = await guarded(
      'escalation',
      report,
      () => o.workflow.runEscalationTimers(),
      (r) => (r.reminded.length + r.passedUp.length + r.alerted.length > 0 ? 'acted' : 'idle'),
    );
    report.digest =
      (await guarded(
        'digest',
        report,
        () => digestJob(now),
        (r) => (r.length === 0 ? 'idle' : (r.at(-1)?.status ?? 'idle')),
      )) ?? [];
    const deps = {
      db: o.db,
      backend: o.backend,
      strategy: o.strategy,
      clock: o.clock,
      platforms: () => o.workflow.deps.platforms(),
    };
    report.reviews =
      (
        await guarded(
          'reviews',
          report,
          () => promptDueReviews(deps, o.reviewBatch),
          (r) => (r.prompted.length > 0 ? 'prompted' : 'idle'),
        )
      )?.prompted ?? [];
    report.retention = await guarded(
      'retention',
      report,
      () => runRetention({ db: o.db, clock: o.clock, logger: log }),
      (r) => (r.ran ? 'ran' : 'idle'),
    );
    const directory = o.strategy().file.directory;
    const sync = o.directorySync;
    if (directory && sync) {
      report.directory =
        (await guarded(
          'directory',
          report,
          async () => {
            // One run per interval across every instance: the slot's key is claimed first.
            const slot = Math.floor(now.getTime() / intervalMs(directory.every));
            if (!(await claimKey(o.db, `directory-sync:${directory.every}:${slot}`, null, now.toISOString())))
              return false;
            await sync();
            return true;
          },
          (ran) => (ran ? 'ran' : 'idle'),
        )) ?? false;
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    if (running) return running;
    running = tickOnce().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(): void {
    if (!started) return;
    timer = setTimeout(async () => {
      await tick().catch((err: unknown) => log.error({ err }, 'scheduler tick failed'));
      schedule();
    }, tickMs);
    timer.unref?.();
  }

  return {
    tick,
    async start() {
      if (started) return { role: 'active' };
      started = true;
      const first = await tick().catch((err: unknown) => {
        log.error({ err }, 'scheduler tick failed');
        return null;
      });
      log.info(
        { tickMs, backend: o.backend, role: first?.role ?? 'unknown' },
        first?.role === 'standby' ? 'scheduler standing by' : 'scheduler running',
      );
      schedule();
      return { role: first?.role ?? 'standby' };
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
      if (o.backend === 'sqlite')
        await releaseSchedulerLease(o.db, o.instanceId).catch((err: unknown) =>
          log.warn({ err }, 'could not release the scheduler lease'),
        );
      log.info('scheduler stopped');
    },
  };
}

function safeNext(strategy: Strategy, now: Date): string | null {
  try {
    return (
      digestSchedule(strategy.file.digest.cron, strategy.file.digest.timezone)
        .nextAfter(now)
        ?.toISOString() ?? null
    );
  } catch (err) {
    // A bad cron is reported by the digest job itself, once.
    if (err instanceof InvalidScheduleError) return null;
    throw err;
  }
}
