// The outbox's Slack side: renders what an outbox item says and posts it (or updates the case's
// messages in place). The outbox dispatcher owns retries; this file says which failures are worth
// one, and keeps Slack's own rules:
// - every post carries `metadata` with the outbox id, so after a crash between Slack's answer and
//   the outbox's mark (the only duplicate window) a retry first looks
//   for its earlier post (conversations.history with include_all_metadata) before posting again;
// - at most one post per second per channel (Slack's chat.postMessage limit), and nothing to a
//   channel before a 429's Retry-After has passed; other channels are not held up;
// - a channel that is gone or a person who cannot be messaged fails at once: no retry storm.

import type { Logger } from 'pino';
import type { CaseMessageLog } from '../../application/channel-port.js';
import type { Composed } from '../../application/compose-notification.js';
import type { ChannelSender, DeliveryResult, OutboxItem } from '../../outbox/delivery.js';
import { renderMessage } from './render-block-kit.js';
import { classifySlackError, type SlackFailure } from './slack-errors.js';
import type { SlackWeb } from './slack-web.js';

export const OUTBOX_EVENT_TYPE = 'koers_outbox';
/** Slack's chat.postMessage allows about one message per second per channel. */
export const CHANNEL_PACE_MS = 1000;
/** How far back a retry looks for its own earlier post. */
const HISTORY_LOOKBACK = 50;

export interface SlackSenderDeps {
  web: SlackWeb;
  /** Where each message about a case went (so a change of the case updates it in place). */
  caseMessages: CaseMessageLog;
  compose: (item: OutboxItem, platform: 'slack') => Promise<Composed>;
  logger: Logger;
  clock: () => Date;
  /** A person Slack cannot reach: their open cases go to an alternate. */
  markUnreachable?: (personId: string, platform: 'slack', why: string) => Promise<number[]>;
  /** Ask the outbox to send what a reassignment enqueued. */
  kickOutbox?: () => void;
  /** Real time for pacing (ms). */
  now?: () => number;
}

export interface SlackRef {
  channel: string;
  ts: string;
}

export function createSlackSender(deps: SlackSenderDeps): ChannelSender {
  const now = deps.now ?? Date.now;
  const lastPostAt = new Map<string, number>();
  const blockedUntil = new Map<string, number>();
  /** Outbox ids whose attempts here all certainly posted nothing (paced, 429, refused): no need to look. */
  const certainlyUnsent = new Set<number>();
  /**
   * Outbox ids an attempt here may have posted (Slack's answer was lost): they are looked for
   * before the next post, however many attempts that posted nothing (paced, 429) come between.
   */
  const maybePosted = new Set<number>();
  const markUnsent = (id: number) => {
    if (maybePosted.has(id)) return;
    if (certainlyUnsent.size >= 10_000) certainlyUnsent.clear();
    certainlyUnsent.add(id);
  };
  const markMaybePosted = (id: number) => {
    certainlyUnsent.delete(id);
    if (maybePosted.size >= 10_000) maybePosted.clear();
    maybePosted.add(id);
  };

  async function deliver(item: OutboxItem): Promise<DeliveryResult> {
    const composed = await deps.compose(item, 'slack');
    const log = deps.logger.child({
      channel: 'slack',
      outboxId: item.id,
      caseId: item.caseId ?? undefined,
      kind: item.kind,
    });
    if (composed.mode === 'skip') {
      log.debug({ reason: composed.reason }, 'outbox item has nothing to send on slack');
      return { status: 'sent', ref: null };
    }
    if (composed.mode === 'unbuildable') return { status: 'skipped', reason: composed.reason };
    if (composed.mode === 'update') return updateAll(composed.messages, log);

    let channel: string;
    try {
      channel =
        composed.recipient.kind === 'channel'
          ? composed.recipient.channelId
          : await deps.web.dmChannel(composed.recipient.platformUserId);
    } catch (err) {
      return failed(item, classifySlackError(err), composed.recipient.kind === 'person', log);
    }

    const wait = waitFor(channel);
    if (wait > 0) {
      markUnsent(item.id);
      // Not an attempt: nothing was sent, so the outbox neither counts it nor backs off.
      return {
        status: 'retry',
        error: 'paced: this channel takes its next post later',
        retryAfterMs: wait,
        deferred: true,
      };
    }

    // Claimed before: an earlier claim may have posted it and died before the mark.
    if (item.claims > 1 && !certainlyUnsent.has(item.id)) {
      const earlier = await findEarlierPost(channel, item.id, log);
      maybePosted.delete(item.id);
      if (earlier) {
        log.info(
          { ts: earlier.ts },
          'outbox item was already posted before a crash or a lost answer; not posting again',
        );
        if (composed.trackForCase) await trackMessage(item, composed.recipient, earlier);
        return { status: 'sent', ref: JSON.stringify(earlier) };
      }
    }

    const { blocks, text } = renderMessage(composed.view);
    const eventPayload: Record<string, string | number> = { outbox_id: item.id, dedupe_key: item.dedupeKey };
    if (item.caseId !== null) eventPayload.case_id = item.caseId;
    // Paced from when Slack answered, not from when the call left: the next call then arrives at
    // least a full second after this one did, whatever the network did to either.
    lastPostAt.set(channel, now());
    try {
      const r = await deps.web.client.chat.postMessage({
        channel,
        blocks,
        text,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: eventPayload },
      });
      lastPostAt.set(channel, now());
      certainlyUnsent.delete(item.id);
      maybePosted.delete(item.id);
      const ref: SlackRef = { channel: r.channel ?? channel, ts: String(r.ts) };
      if (composed.image) await uploadImage(channel, composed.image, ref.ts, log);
      if (composed.trackForCase) await trackMessage(item, composed.recipient, ref);
      return { status: 'sent', ref: JSON.stringify(ref) };
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind === 'rate_limited') {
        blockedUntil.set(channel, now() + failure.retryAfterMs);
        markUnsent(item.id);
      } else if (failure.kind === 'permanent' || !failure.maybeDelivered) markUnsent(item.id);
      else markMaybePosted(item.id);
      return failed(item, failure, composed.recipient.kind === 'person', log);
    }
  }

  /**
   * The digest's chart, in the message's thread (files.uploadV2: an upload URL, the bytes, then
   * complete). Best effort: the message is already posted, and posting it again for a picture
   * would be the worse failure; a lost chart is logged.
   */
  async function uploadImage(
    channel: string,
    image: NonNullable<Extract<Composed, { mode: 'post' }>['image']>,
    threadTs: string,
    log: Logger,
  ): Promise<void> {
    try {
      await deps.web.client.files.uploadV2({
        channel_id: channel,
        thread_ts: threadTs,
        file: image.png,
        filename: image.filename,
        title: image.alt,
        alt_text: image.alt,
      });
    } catch (err) {
      log.warn(
        { error: classifySlackError(err).error },
        'the chart could not be uploaded; the message went out without it',
      );
    }
  }

  /** Milliseconds until this channel may take the next post (pacing and Retry-After). */
  function waitFor(channel: string): number {
    const t = now();
    const paced = (lastPostAt.get(channel) ?? -Infinity) + CHANNEL_PACE_MS - t;
    const blocked = (blockedUntil.get(channel) ?? -Infinity) - t;
    return Math.ceil(Math.max(0, paced, blocked));
  }

  async function findEarlierPost(channel: string, outboxId: number, log: Logger): Promise<SlackRef | null> {
    try {
      const r = await deps.web.client.conversations.history({
        channel,
        limit: HISTORY_LOOKBACK,
        include_all_metadata: true,
      });
      for (const m of r.messages ?? []) {
        const meta = m.metadata as
          | { event_type?: string; event_payload?: { outbox_id?: unknown } }
          | undefined;
        if (
          meta?.event_type === OUTBOX_EVENT_TYPE &&
          Number(meta.event_payload?.outbox_id) === outboxId &&
          m.ts
        )
          return { channel, ts: m.ts };
      }
      return null;
    } catch (err) {
      // Without the history scope for this conversation the lookup cannot be done: post, and accept
      // the one duplicate the crash window allows.
      log.warn({ error: classifySlackError(err).error }, 'could not look for an earlier post; posting');
      return null;
    }
  }

  async function trackMessage(
    item: OutboxItem,
    recipient: Extract<Composed, { mode: 'post' }>['recipient'],
    ref: SlackRef,
  ): Promise<void> {
    if (item.caseId === null) return;
    await deps.caseMessages.track({
      caseId: item.caseId,
      platform: 'slack',
      personId: recipient.kind === 'person' ? recipient.personId : null,
      ref: JSON.stringify(ref),
      at: deps.clock().toISOString(),
    });
  }

  /** Every message about the case, updated in place. A message Slack no longer has is skipped. */
  async function updateAll(
    messages: Extract<Composed, { mode: 'update' }>['messages'],
    log: Logger,
  ): Promise<DeliveryResult> {
    for (const m of messages) {
      const ref = parseRef(m.ref);
      if (!ref) continue;
      const { blocks, text } = renderMessage(m.view);
      try {
        await deps.web.client.chat.update({ channel: ref.channel, ts: ref.ts, blocks, text });
      } catch (err) {
        const failure = classifySlackError(err);
        if (failure.kind === 'permanent') {
          log.warn({ error: failure.error, ts: ref.ts }, 'case message could not be updated; skipped');
          continue;
        }
        // Updates are idempotent: the whole item is tried again later.
        return failure.kind === 'rate_limited'
          ? { status: 'retry', error: failure.error, retryAfterMs: failure.retryAfterMs }
          : { status: 'retry', error: failure.error };
      }
    }
    return { status: 'sent', ref: null };
  }

  function failed(item: OutboxItem, failure: SlackFailure, toPerson: boolean, log: Logger): DeliveryResult {
    if (failure.kind === 'rate_limited')
      return { status: 'retry', error: failure.error, retryAfterMs: failure.retryAfterMs };
    if (failure.kind === 'transient') return { status: 'retry', error: failure.error };
    log.warn(
      { error: failure.error, target: item.target },
      'slack refused the outbox item; it will not be retried',
    );
    if (!(failure.gone && toPerson)) return { status: 'failed', error: failure.error };
    if (why.size >= 10_000) why.clear();
    why.set(item.id, failure.error);
    return { status: 'failed', error: failure.error, unreachable: true };
  }

  /** Why a person was unreachable, from deliver to onUnreachable. */
  const why = new Map<number, string>();

  async function onUnreachable(item: OutboxItem): Promise<void> {
    const reason = why.get(item.id) ?? 'unreachable';
    why.delete(item.id);
    if (!('person' in item.target) || !deps.markUnreachable) return;
    const moved = await deps.markUnreachable(item.target.person, 'slack', `slack: ${reason}`);
    deps.logger.warn(
      { channel: 'slack', personId: item.target.person, moved, reason },
      'slack person unreachable: open cases reassigned',
    );
    deps.kickOutbox?.();
  }

  return { platform: 'slack', deliver, onUnreachable };
}

export function parseRef(text: string): SlackRef | null {
  try {
    const r = JSON.parse(text) as Partial<SlackRef>;
    return typeof r.channel === 'string' && typeof r.ts === 'string'
      ? { channel: r.channel, ts: r.ts }
      : null;
  } catch {
    return null;
  }
}
