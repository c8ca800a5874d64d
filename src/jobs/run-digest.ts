// One digest run, start to finish, safe to call from any number of instances and from
// `koers digest --send` at once: claim the run key, compute and store the digest and its chart
// (or reuse what a dead holder stored), then enqueue the posts and mark the run done in one
// transaction. The outbox rows' dedupe keys derive from the run key, so even two holders racing
// after a lease ran out enqueue one post per platform; the post carries the run key (the Slack
// sender puts it in message metadata and looks for it before posting again).
import type { Logger } from 'pino';
import type { DigestPeriod } from '../domain/digest/period.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Backend } from '../store/backend.js';
import { enqueue, type OutboxMessage } from '../store/outbox.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';
import type { ChatPlatform } from '../workflow/notifications.js';
import { digestChartPng } from './chart/digest-chart.js';
import { computeDigest } from './compute-digest.js';
import { claimDigestRun, completeDigestRun, type RunTrigger, storeDigest } from './digest-runs.js';
import { digestSchedule } from './digest-schedule.js';

export interface DigestJobDeps {
  db: Db;
  backend: Backend;
  strategy: () => Strategy;
  clock: () => Date;
  logger: Logger;
  platforms: () => ReadonlyArray<ChatPlatform>;
  instanceId: string;
  /** How long a claim holds before another instance may take the run over. */
  runLeaseMs: number;
  /** True when another run holder's process is provably gone (its run is taken over at once). */
  holderGone?: (holder: string) => Promise<boolean>;
  /** Test hook for crash points (`mid_digest`). */
  fault?: (point: string) => void;
  fontFiles?: ReadonlyArray<string>;
}

export type DigestRunOutcome =
  | { status: 'sent'; runKey: string; period: DigestPeriod; posts: number; takenOverFrom: string | null }
  | { status: 'already_done'; runKey: string; period: DigestPeriod }
  | { status: 'in_progress'; runKey: string; period: DigestPeriod; holder: string }
  | { status: 'lease_lost'; runKey: string; period: DigestPeriod };

/** The outbox payload of a `digest` row: the run to post (loadDigestRun(db, runKey)). */
export interface DigestPostPayload {
  runKey: string;
  period: { label: string; start: string; end: string };
  trigger: RunTrigger;
}

class LeaseLost extends Error {
  readonly code = 'KOERS_DIGEST_LEASE_LOST';
}

export async function runDigest(
  deps: DigestJobDeps,
  occurrence: Date,
  trigger: RunTrigger,
): Promise<DigestRunOutcome> {
  const strategy = deps.strategy();
  const period = digestSchedule(strategy.file.digest.cron, strategy.file.digest.timezone).periodOf(
    occurrence,
  );
  const log = deps.logger.child({ job: 'digest', runKey: period.runKey, period: period.label });
  const claim = await claimDigestRun(
    deps.db,
    period,
    trigger,
    deps.instanceId,
    deps.clock(),
    deps.runLeaseMs,
    deps.holderGone,
  );
  if (!claim.claimed) {
    if (claim.reason === 'done') return { status: 'already_done', runKey: period.runKey, period };
    return { status: 'in_progress', runKey: period.runKey, period, holder: claim.run.claimed_by };
  }
  if (claim.takenOverFrom !== null)
    log.warn(
      { from: claim.takenOverFrom, attempts: Number(claim.run.attempts) },
      'took over a digest run whose holder stopped',
    );
  else log.info({ trigger }, 'digest run claimed');

  if (claim.run.digest === null) {
    const now = deps.clock();
    const digest = await computeDigest({ db: deps.db, backend: deps.backend, strategy, period, asOf: now });
    const png = await digestChartPng(digest, strategy.locale, log, deps.fontFiles);
    if (!(await storeDigest(deps.db, period.runKey, deps.instanceId, digest, png, deps.clock()))) {
      log.warn('lost the digest run to another instance before storing it');
      return { status: 'lease_lost', runKey: period.runKey, period };
    }
  }
  deps.fault?.('mid_digest');

  const messages = posts(strategy, deps.platforms(), {
    runKey: period.runKey,
    period: { label: period.label, start: period.start, end: period.end },
    trigger: claim.run.trigger,
  });
  try {
    await inUnitOfWork(deps.db, async (tx) => {
      const now = deps.clock();
      await enqueue(tx, now.toISOString(), messages);
      if (!(await completeDigestRun(tx, period.runKey, deps.instanceId, now)))
        throw new LeaseLost(period.runKey);
    });
  } catch (err) {
    if (!(err instanceof LeaseLost)) throw err;
    log.warn('lost the digest run to another instance before posting it');
    return { status: 'lease_lost', runKey: period.runKey, period };
  }
  if (messages.length === 0)
    log.warn('no alliance team channel is configured for any platform: the digest is stored, not posted');
  else log.info({ posts: messages.map((m) => m.platform) }, 'digest enqueued for the alliance team channel');
  return {
    status: 'sent',
    runKey: period.runKey,
    period,
    posts: messages.length,
    takenOverFrom: claim.takenOverFrom,
  };
}

/** The dedupe key of a run's post to the alliance team channel on one platform. */
export function digestPostKey(runKey: string, platform: ChatPlatform): string {
  return `${runKey}:channel-allianceTeam:${platform}`;
}

/** One `digest` outbox row per platform with an alliance team channel. */
export function posts(
  strategy: Strategy,
  platforms: ReadonlyArray<ChatPlatform>,
  payload: DigestPostPayload,
): OutboxMessage[] {
  return platforms
    .filter((platform) => strategy.file.channels.allianceTeam?.[platform])
    .map((platform) => ({
      dedupeKey: digestPostKey(payload.runKey, platform),
      kind: 'digest',
      platform,
      target: { channel: 'allianceTeam' as const },
      payload: { ...payload },
    }));
}
