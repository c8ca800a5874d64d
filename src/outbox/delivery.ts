// What the outbox dispatcher hands a channel's sender (an item read from its row), and what the
// sender answers about one delivery attempt.
import type { OutboxTarget } from '../store/outbox.js';
import { checkOutboxMessage } from '../store/outbox-messages.js';
import type { StoredOutboxRow } from '../store/outbox-repo.js';

export interface OutboxItem {
  id: number;
  dedupeKey: string;
  kind: string;
  platform: string;
  target: OutboxTarget;
  caseId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  /**
   * Times the row was claimed, this claim included. More than one: an earlier claimer may have
   * sent it and died before marking it, so the channel looks for its earlier post first.
   */
  claims: number;
  /** What an earlier attempt recorded (a platform message reference), if any. */
  platformRef: string | null;
  /** Set when the row does not fit what Koers sends (see outbox-messages.ts): it is skipped. */
  unfit?: string;
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** The row as an item; one that does not fit its kind's shape carries why, and is never sent. */
export function itemFromRow(r: StoredOutboxRow): OutboxItem {
  const target = parsed(r.target);
  const payload = parsed(r.payload);
  const fit =
    target === undefined || payload === undefined
      ? { ok: false as const, reason: `${r.kind}: target or payload is not JSON` }
      : checkOutboxMessage(r.kind, target, payload);
  return {
    id: Number(r.id),
    dedupeKey: r.dedupe_key,
    kind: r.kind,
    platform: r.platform,
    target: (target ?? {}) as OutboxTarget,
    caseId: r.case_id === null ? null : Number(r.case_id),
    payload: (payload ?? {}) as Record<string, unknown>,
    ...(fit.ok ? {} : { unfit: fit.reason }),
    attempts: Number(r.attempts),
    claims: Number(r.claims),
    platformRef: r.platform_ref,
  };
}

/**
 * The result of one delivery attempt, classified by the channel:
 * - `sent`: done (with the platform's reference to the message, if any);
 * - `retry`: transient (429/412/5xx/network); wait at least `retryAfterMs` when the platform said so;
 *   `deferred`: nothing was sent, the channel only asks to wait (its own pacing, e.g. Slack's one
 *   post per second per channel): retried after exactly `retryAfterMs`, not counted as an attempt;
 * - `failed`: permanent (403/404, channel gone): never retried; `unreachable` marks the recipient;
 * - `skipped`: the message cannot be built (its case or digest is gone, an unknown kind): kept as
 *   `skipped` with the reason, never retried and never counted as sent.
 */
export type DeliveryResult =
  | { status: 'sent'; ref?: string | null }
  | { status: 'retry'; error: string; retryAfterMs?: number; deferred?: boolean }
  | { status: 'failed'; error: string; unreachable?: boolean }
  | { status: 'skipped'; reason: string };

/** One chat platform's outbound side: renders and sends an outbox item. */
export interface ChannelSender {
  platform: 'slack' | 'teams';
  deliver(item: OutboxItem): Promise<DeliveryResult>;
  /** Called once when a person turned out unreachable on this platform (403/404). */
  onUnreachable?(item: OutboxItem): Promise<void>;
}
