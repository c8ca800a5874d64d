// A Teams activity as the chat service's request: who (ChatIdentity), what (ChatRequest), and the
// key that recognises it again. Teams re-sends an activity it got no answer for within 15 s (same
// conversation and activity id); a double click on a card sends two activities with the same
// card (replyToId) and the same data: both are dropped by their key.
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { ChatIdentity } from '../../application/chat-identity.js';
import type { ChatRequest } from '../../application/chat-service.js';
import { type ActionPayload, parseActionPayload, parseCommand } from '../../conversation/index.js';
import { EXECUTE_VERB, REFRESH_VERB } from './card-data.js';
import { userIdOf } from './conversation-refs.js';
import { stripMentions } from './teams-text.js';

export interface ParsedActivity {
  identity: ChatIdentity;
  request: ChatRequest;
  /** Undefined: nothing to recognise it by (no activity id). */
  dedupeKey: string | undefined;
  /** The card the person clicked (its activity id), for a card action. */
  cardActivityId: string | null;
  /**
   * A word that only reads (status, who, portfolio): it changes nothing and enqueues nothing, so
   * it is neither recorded as seen nor followed by an outbox run. A re-sent one is answered again.
   */
  readOnly?: boolean;
}

export type ParseResult = { ok: true; parsed: ParsedActivity } | { ok: false; reason: string };

export interface ParseOptions {
  /**
   * Leave out the activity's locale. The Agents Playground (the local demo's client) says
   * `en-US` for everyone, whatever its user reads; the directory's or the strategy's language is
   * then the better guess.
   */
  ignoreLocale?: boolean;
}

export function identityOf(activity: Partial<Activity>, o: ParseOptions = {}): ChatIdentity | null {
  const userId = userIdOf(activity);
  if (!userId) return null;
  const name = (activity.from as { name?: string } | undefined)?.name;
  return {
    platform: 'teams',
    userId,
    ...(name ? { displayName: name } : {}),
    platformLocale: o.ignoreLocale ? null : (activity.locale ?? null),
    ...(activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
  };
}

/** Card data: our payload under `koers`, the card's inputs beside it. */
export function readCardValue(
  raw: unknown,
): { action: ActionPayload; values: Record<string, unknown> } | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const { koers, msteams: _teams, ...values } = raw as Record<string, unknown>;
  const action = parseActionPayload(koers);
  return action ? { action, values } : null;
}

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('base64url')
    .slice(0, 22);
}

function cardKey(
  kind: string,
  activity: Partial<Activity>,
  userId: string,
  data: unknown,
): string | undefined {
  const conversation = activity.conversation?.id;
  if (!conversation) return undefined;
  if (activity.replyToId)
    return `teams:${kind}:${conversation}:${activity.replyToId}:${userId}:${hash(data)}`;
  return activity.id ? `teams:${conversation}:${activity.id}` : undefined;
}

/** A message: typed words, or an Action.Submit from a card (`value`). */
export function parseMessage(activity: Partial<Activity>, o: ParseOptions = {}): ParseResult {
  const identity = identityOf(activity, o);
  if (!identity) return { ok: false, reason: 'no sender' };
  if (
    (activity.from as { role?: string } | undefined)?.role === 'bot' ||
    activity.from?.id === activity.recipient?.id
  ) {
    return { ok: false, reason: 'from a bot' };
  }
  if (activity.value !== undefined && activity.value !== null) {
    const card = readCardValue(activity.value);
    if (!card) return { ok: false, reason: 'card data that is not ours' };
    return {
      ok: true,
      parsed: {
        identity,
        request: { kind: 'action', action: card.action, values: card.values },
        dedupeKey: cardKey('submit', activity, identity.userId, activity.value),
        cardActivityId: activity.replyToId ?? null,
      },
    };
  }
  const text = stripMentions(activity.text ?? '').trim();
  if (text === '') return { ok: false, reason: 'no text' };
  const conversation = activity.conversation?.id;
  const { command } = parseCommand(text);
  const readOnly = command.kind === 'status' || command.kind === 'who' || command.kind === 'portfolio';
  return {
    ok: true,
    parsed: {
      identity,
      request: { kind: 'text', text },
      ...(readOnly ? { readOnly } : {}),
      dedupeKey:
        conversation && activity.id && !readOnly ? `teams:${conversation}:${activity.id}` : undefined,
      cardActivityId: null,
    },
  };
}

export type InvokeRequest =
  | { kind: 'refresh'; identity: ChatIdentity; action: ActionPayload }
  | { kind: 'action'; parsed: ParsedActivity };

/** An `adaptiveCard/action` invoke (Action.Execute): a Koers action, or the card's refresh. */
export function parseInvoke(
  activity: Partial<Activity>,
  verb: string,
  data: unknown,
  o: ParseOptions = {},
): InvokeRequest | null {
  const identity = identityOf(activity, o);
  const card = readCardValue(data);
  if (!identity || !card) return null;
  if (verb === REFRESH_VERB)
    return card.action.type === 'show_case' ? { kind: 'refresh', identity, action: card.action } : null;
  if (verb !== EXECUTE_VERB) return null;
  return {
    kind: 'action',
    parsed: {
      identity,
      request: { kind: 'action', action: card.action, values: card.values },
      dedupeKey: cardKey('execute', activity, identity.userId, data),
      cardActivityId: activity.replyToId ?? null,
    },
  };
}
