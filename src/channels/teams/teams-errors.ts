// What a Bot Connector failure means for a delivery. Classified by the HTTP status the connector
// answered (`err.statusCode`, or `err.response.status`), never by message text.
import { scrubSecrets } from '../../logger.js';
import type { DeliveryResult } from '../../outbox/delivery.js';

export interface ConnectorFailure {
  /** HTTP status; null when no answer came (refused, reset, timed out). */
  status: number | null;
  /** Teams' error code from the body (`BotNotInConversationRoster`, `ActivityNotFoundInConversation`, …). */
  code: string | null;
  retryAfterMs: number | null;
  message: string;
}

interface HttpishError {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: {
    status?: unknown;
    headers?: { get?(name: string): string | undefined | null };
    bodyAsText?: unknown;
  };
}

export function connectorFailure(err: unknown, now = Date.now()): ConnectorFailure {
  const e = (err ?? {}) as HttpishError;
  const statusRaw = e.statusCode ?? e.response?.status;
  const status = typeof statusRaw === 'number' && statusRaw > 0 ? statusRaw : null;
  let code: string | null = null;
  const body = e.response?.bodyAsText;
  if (typeof body === 'string' && body.length < 10_000) {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown } };
      if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    } catch {
      // Not JSON: the status says enough.
    }
  }
  if (code === null && typeof e.code === 'string' && status !== null) code = e.code;
  const header = e.response?.headers?.get?.('retry-after') ?? null;
  return {
    status,
    code,
    retryAfterMs: retryAfterMs(header, now),
    message: scrubSecrets(typeof e.message === 'string' ? e.message : String(err)).slice(0, 300),
  };
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

const TRANSIENT = new Set([408, 412, 429, 500, 502, 503, 504]);

/**
 * 429/412/408/5xx and no answer at all: try again later (Retry-After honoured). 403 (the bot was
 * blocked, disabled, or is not in the conversation) and 404 (no such conversation): permanent,
 * and for a person it means Teams cannot reach them. Anything else: permanent.
 */
export function deliveryResultOf(f: ConnectorFailure, target: 'person' | 'channel'): DeliveryResult {
  const error = `teams ${f.status ?? 'no answer'}${f.code ? ` ${f.code}` : ''}: ${f.message}`;
  if (f.status === null || TRANSIENT.has(f.status) || f.status >= 500) {
    return f.retryAfterMs !== null
      ? { status: 'retry', error, retryAfterMs: f.retryAfterMs }
      : { status: 'retry', error };
  }
  if ((f.status === 403 || f.status === 404) && target === 'person')
    return { status: 'failed', error, unreachable: true };
  return { status: 'failed', error };
}

/** A card update that cannot be done in place: post the current state as a new message. */
export function updateImpossible(f: ConnectorFailure): boolean {
  return (
    f.status === 404 || f.status === 403 || f.status === 400 || f.code === 'ActivityNotFoundInConversation'
  );
}
