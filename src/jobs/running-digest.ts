// The digest of the running period: from the period's start up to now, the week so far. It is a
// preview: nothing claims the period's run key, so the weekly digest still goes out once, at its
// time. `koers digest --preview --running` prints it; the local demo also posts it to the alliance
// team channel (on start and on the `portfolio` word) as an outbox row of its own kind that
// carries the digest and its chart, since no digest run stores them.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Digest } from '../domain/digest/digest-model.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Backend } from '../store/backend.js';
import { enqueue, type OutboxMessage } from '../store/outbox.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';
import type { ChatPlatform } from '../workflow/notifications.js';
import { digestChartPng } from './chart/digest-chart.js';
import { computeDigest } from './compute-digest.js';
import { digestSchedule } from './digest-schedule.js';

export const RUNNING_DIGEST_KIND = 'running_digest';

export interface RunningDigestDeps {
  db: Db;
  backend: Backend;
  strategy: () => Strategy;
  clock: () => Date;
}

/** The outbox payload of a `running_digest` row. */
export interface RunningDigestPayload {
  digest: Digest;
  /** The chart, base64 PNG; null when it could not be drawn. */
  chartPng: string | null;
}

/** The running period's digest, as of now; null when the schedule has no next occurrence. */
export async function computeRunningDigest(deps: RunningDigestDeps): Promise<Digest | null> {
  const strategy = deps.strategy();
  const now = deps.clock();
  const period = digestSchedule(strategy.file.digest.cron, strategy.file.digest.timezone).runningAt(now);
  if (period === null) return null;
  return computeDigest({ db: deps.db, backend: deps.backend, strategy, period, asOf: now });
}

/**
 * Enqueues the running digest for the alliance team channel on each platform that has one;
 * returns how many posts. Every call is a post of its own (a new request for the week so far).
 */
export async function enqueueRunningDigest(
  deps: RunningDigestDeps & { platforms: () => ReadonlyArray<ChatPlatform>; logger: Logger },
  digest: Digest,
): Promise<number> {
  const strategy = deps.strategy();
  const platforms = deps.platforms().filter((p) => strategy.file.channels.allianceTeam?.[p]);
  if (platforms.length === 0) return 0;
  const png = await digestChartPng(digest, strategy.locale, deps.logger);
  const payload: RunningDigestPayload = { digest, chartPng: png ? png.toString('base64') : null };
  const request = randomUUID();
  const messages: OutboxMessage[] = platforms.map((platform) => ({
    dedupeKey: `digest-running:${digest.asOf}:${request}:${platform}`,
    kind: RUNNING_DIGEST_KIND,
    platform,
    target: { channel: 'allianceTeam' },
    payload: { ...payload },
  }));
  await inUnitOfWork(deps.db, (tx) => enqueue(tx, deps.clock().toISOString(), messages));
  return messages.length;
}
