// Sends what the workflow wrote to the outbox. Rows are claimed with a lease (SKIP LOCKED on
// PostgreSQL, so several instances share the work), sent, then marked. A crash between the
// platform's answer and the mark leaves the row to be sent again: every claim is counted, and a
// row claimed before makes its channel look for an earlier post (Slack message metadata, a
// stored Teams activity id) before posting twice. A row whose claimer is provably gone (its
// liveness lock is free: instance-liveness.ts) is taken over at once, not after its lease.
import type { Logger } from 'pino';
import type { Backend } from '../store/backend.js';
import { type InstanceLiveness, NO_LIVENESS } from '../store/instance-liveness.js';
import {
  claimDueOutboxRows,
  claimersInLease,
  firstDueAt,
  type OutboxSettlement,
  outboxBacklog,
  settleOutboxRow,
} from '../store/outbox-repo.js';
import type { Db } from '../store/store-handle.js';
import { type ChannelSender, itemFromRow, type OutboxItem } from './delivery.js';

export interface DispatcherOptions {
  db: Db;
  backend: Backend;
  senders: ReadonlyArray<ChannelSender>;
  clock: () => Date;
  logger: Logger;
  workerId: string;
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Backoff for transient failures: min, max (ms); ±20 % jitter. */
  backoffMs?: { min: number; max: number };
  random?: () => number;
  fault?: (point: string) => void;
  /** Tells which other claimers are gone (default: none can be proven, leases decide). */
  liveness?: InstanceLiveness;
  onResult?: (item: OutboxItem, status: 'sent' | 'retry' | 'failed' | 'dead' | 'skipped') => void;
}

/** How long a claimer found alive is not asked about again. */
const ALIVE_CACHE_MS = 5_000;

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  /** Each row this pass tried, with how it went. */
  results: Array<{ id: number; dedupeKey: string; platform: string; status: 'sent' | 'retry' | 'failed' }>;
}

/** Which rows a pass may take: all that are due, or only these (`koers digest --send`: its own posts). */
export interface DispatchFilter {
  dedupeKeys?: ReadonlyArray<string>;
}

export function createOutboxDispatcher(o: DispatcherOptions) {
  const leaseMs = o.leaseMs ?? 60_000;
  const batchSize = o.batchSize ?? 20;
  const maxAttempts = o.maxAttempts ?? 8;
  const backoff = o.backoffMs ?? { min: 2_000, max: 300_000 };
  const random = o.random ?? Math.random;
  const senders = new Map(o.senders.map((s) => [s.platform, s]));
  const liveness = o.liveness ?? NO_LIVENESS;
  /** Claimers found alive lately, not asked again for a while. */
  const aliveUntil = new Map<string, number>();

  /** Other claimers of due rows whose claims are still in their lease but whose process is gone. */
  async function goneClaimers(platform: string, nowIso: string): Promise<string[]> {
    const holders = await claimersInLease(o.db, { platform, nowIso, workerId: o.workerId });
    const gone: string[] = [];
    const t = Date.now();
    for (const holder of holders) {
      if (holder === null || (aliveUntil.get(holder) ?? 0) > t) continue;
      if (await liveness.isGone(holder)) gone.push(holder);
      else aliveUntil.set(holder, t + ALIVE_CACHE_MS);
    }
    if (aliveUntil.size > 1000) aliveUntil.clear();
    return gone;
  }

  async function claim(platform: string, filter: DispatchFilter = {}): Promise<OutboxItem[]> {
    const now = o.clock();
    const nowIso = now.toISOString();
    // Woken after every turn that wrote, mostly with nothing to send: a read says so first.
    const due = await firstDueAt(o.db, platform);
    if (due === null || due > nowIso) return [];
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const gone = await goneClaimers(platform, nowIso);
    for (const holder of gone)
      o.logger.warn(
        { holder, platform },
        'taking over outbox rows of a process that stopped, before their lease ends',
      );
    const rows = await claimDueOutboxRows(o.db, {
      platform,
      nowIso,
      until,
      workerId: o.workerId,
      gone,
      batchSize,
      ...(filter.dedupeKeys ? { dedupeKeys: filter.dedupeKeys } : {}),
      backend: o.backend,
    });
    return rows.map(itemFromRow);
  }

  async function settle(item: OutboxItem, set: OutboxSettlement): Promise<void> {
    await settleOutboxRow(o.db, item.id, o.workerId, set);
  }

  async function deliverOne(sender: ChannelSender, item: OutboxItem): Promise<'sent' | 'retry' | 'failed'> {
    let result: Awaited<ReturnType<ChannelSender['deliver']>>;
    try {
      result = item.unfit ? { status: 'skipped', reason: item.unfit } : await sender.deliver(item);
    } catch (err) {
      result = { status: 'retry', error: (err as Error).message ?? String(err) };
    }
    const now = o.clock();
    if (result.status === 'sent') {
      o.fault?.('after_platform_send_before_mark');
      await settle(item, {
        status: 'sent',
        sent_at: now.toISOString(),
        platform_ref: result.ref ?? null,
        attempts: item.attempts + 1,
        last_error: null,
      });
      o.onResult?.(item, 'sent');
      return 'sent';
    }
    if (result.status === 'skipped') {
      o.logger.error(
        { outboxId: item.id, kind: item.kind, platform: item.platform, reason: result.reason },
        'outbox message cannot be built: skipped, not sent',
      );
      await settle(item, {
        status: 'skipped',
        attempts: item.attempts + 1,
        last_error: result.reason.slice(0, 500),
      });
      o.onResult?.(item, 'skipped');
      return 'failed';
    }
    if (result.status === 'failed') {
      o.logger.warn(
        { outboxId: item.id, kind: item.kind, platform: item.platform, error: result.error },
        'outbox delivery failed permanently',
      );
      await settle(item, {
        status: 'dead',
        attempts: item.attempts + 1,
        last_error: result.error.slice(0, 500),
      });
      if (result.unreachable && sender.onUnreachable) await sender.onUnreachable(item);
      o.onResult?.(item, 'failed');
      return 'failed';
    }
    if (result.deferred) {
      // Paced by the channel (added with the Slack channel): a burst to one channel must not use up
      // its attempts or climb the backoff, or the tail of the burst would end up dead.
      await settle(item, {
        next_attempt_at: new Date(now.getTime() + (result.retryAfterMs ?? 0)).toISOString(),
      });
      o.onResult?.(item, 'retry');
      return 'retry';
    }
    const attempts = item.attempts + 1;
    if (attempts >= maxAttempts) {
      o.logger.error(
        { outboxId: item.id, kind: item.kind, attempts, error: result.error },
        'outbox delivery gave up',
      );
      await settle(item, { status: 'dead', attempts, last_error: result.error.slice(0, 500) });
      o.onResult?.(item, 'dead');
      return 'failed';
    }
    const exp = Math.min(backoff.max, backoff.min * 2 ** (attempts - 1));
    const jittered = exp * (0.8 + 0.4 * random());
    const waitMs = Math.max(jittered, result.retryAfterMs ?? 0);
    o.logger.info(
      { outboxId: item.id, kind: item.kind, attempts, waitMs: Math.round(waitMs), error: result.error },
      'outbox delivery will be retried',
    );
    await settle(item, {
      attempts,
      next_attempt_at: new Date(now.getTime() + waitMs).toISOString(),
      last_error: result.error.slice(0, 500),
    });
    o.onResult?.(item, 'retry');
    return 'retry';
  }

  /** One pass over every platform: claims due rows (those the filter names) and sends them in order. */
  async function runOnce(filter: DispatchFilter = {}): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0, results: [] };
    for (const [platform, sender] of senders) {
      for (;;) {
        const items = await claim(platform, filter);
        if (items.length === 0) break;
        // Claimed and not sent: a crash here leaves rows locked by a process that is gone.
        o.fault?.('after_lock_before_send');
        for (const item of items) {
          const r = await deliverOne(sender, item);
          if (r === 'sent') report.sent++;
          else if (r === 'retry') report.retried++;
          else report.failed++;
          report.results.push({ id: item.id, dedupeKey: item.dedupeKey, platform, status: r });
        }
        if (items.length < batchSize) break;
      }
    }
    return report;
  }

  /** Rows waiting to be sent (for /metrics and the shutdown drain). */
  async function backlog(): Promise<{ pending: number; dead: number }> {
    return outboxBacklog(o.db);
  }

  return { runOnce, backlog, claim };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
