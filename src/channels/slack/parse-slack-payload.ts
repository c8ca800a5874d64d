// Slack payloads -> what the chat service takes: who (a ChatIdentity), what (a ChatRequest) and the
// key that makes a retry or a replay one effect. Payloads are checked with zod for the fields
// Koers reads; everything a client sends back (button values, private_metadata) is parsed strictly.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChatIdentity } from '../../application/chat-identity.js';
import type { ChatRequest } from '../../application/chat-service.js';
import { type ActionPayload, parseActionPayload, parseCommand } from '../../conversation/index.js';
import type { ModalMetadata } from './render-block-kit.js';

export interface SlackTurn {
  identity: ChatIdentity;
  request: ChatRequest;
  dedupeKey: string;
  /** Only reads (status, who, portfolio): answering a replay again is harmless, so no key is stored. */
  readOnly?: boolean;
}

const id = z.string().min(1).max(64);

/** A message's text as the person typed it: Slack's markup and entities turned back into plain text. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(
      /<(?:!subteam\^[^|>]*\|([^>]*)|!(here|channel|everyone)(?:\|[^>]*)?|#([A-Z0-9]+)(?:\|([^>]*))?)>/g,
      (_m, team, special, channelId, channelName) =>
        team !== undefined
          ? String(team)
          : special !== undefined
            ? `@${special}`
            : `#${channelName || channelId}`,
    )
    .replace(
      /<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/g,
      (_m, url: string, label?: string) => label ?? url.replace(/^mailto:/, ''),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function identityOf(
  userId: string,
  displayName?: string | null,
  platformLocale?: string | null,
): ChatIdentity {
  return {
    platform: 'slack',
    userId,
    ...(displayName ? { displayName } : {}),
    ...(platformLocale ? { platformLocale } : {}),
  };
}

// ---- slash command ----------------------------------------------------------------------------

const CommandSchema = z.looseObject({
  user_id: id,
  user_name: z.string().max(200).optional(),
  team_id: id.optional(),
  channel_id: id.optional(),
  text: z.string().max(4000).default(''),
  trigger_id: z.string().min(1).max(200),
  response_url: z.string().max(2000).optional(),
});

export type SlashCommand =
  /** `/koers check`: the check as a modal. */
  | { kind: 'modal'; turn: SlackTurn; triggerId: string }
  /** `/koers check <a sentence>`: the check as a conversation in the DM. */
  | { kind: 'dm_check'; turn: SlackTurn }
  /** Every other word: answered to the person only (an ephemeral response). */
  | { kind: 'answer'; turn: SlackTurn };

export function parseSlashCommand(body: unknown): SlashCommand | null {
  const parsed = CommandSchema.safeParse(body);
  if (!parsed.success) return null;
  const c = parsed.data;
  const identity = identityOf(c.user_id, c.user_name);
  const dedupeKey = `slack:command:${c.trigger_id}`;
  const text = slackTextToPlain(c.text).trim();
  const { command } = parseCommand(text);
  if (command.kind === 'check' && command.text === '') {
    return {
      kind: 'modal',
      triggerId: c.trigger_id,
      turn: { identity, dedupeKey, request: { kind: 'action', action: { type: 'start_check', form: true } } },
    };
  }
  if (command.kind === 'check')
    return { kind: 'dm_check', turn: { identity, dedupeKey, request: { kind: 'text', text } } };
  // Slack never resends a slash command; a replayed status, who or portfolio changes nothing, so
  // those skip the durable dedupe write (one fsync per request).
  const readOnly = command.kind === 'status' || command.kind === 'who' || command.kind === 'portfolio';
  return {
    kind: 'answer',
    turn: { identity, dedupeKey, request: { kind: 'text', text }, ...(readOnly ? { readOnly } : {}) },
  };
}

// ---- events -------------------------------------------------------------------------------------

const MessageEventSchema = z.looseObject({
  type: z.literal('message'),
  channel: id,
  channel_type: z.string().optional(),
  user: id.optional(),
  text: z.string().max(40_000).optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
});

/**
 * A direct message from a person: text from a human in the bot's DM, with no subtype. Edits,
 * deletions, joins, file shares and anything a bot wrote (Koers included) are not turns.
 */
export function parseDirectMessage(
  event: unknown,
  eventId: string | undefined,
): { turn: SlackTurn; channel: string } | null {
  const parsed = MessageEventSchema.safeParse(event);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.subtype !== undefined || m.bot_id !== undefined || !m.user || m.channel_type !== 'im') return null;
  const text = slackTextToPlain(m.text ?? '').trim();
  if (text === '') return null;
  const dedupeKey = `slack:event:${eventId ?? `${m.channel}:${m.ts ?? ''}`}`;
  return {
    channel: m.channel,
    turn: { identity: identityOf(m.user), dedupeKey, request: { kind: 'text', text } },
  };
}

const MentionEventSchema = z.looseObject({
  type: z.literal('app_mention'),
  channel: id,
  user: id.optional(),
  text: z.string().max(40_000).default(''),
  bot_id: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});

export interface Mention {
  turn: SlackTurn;
  channel: string;
  /** The thread to answer in (the mention's own thread, or the mention itself). */
  threadTs: string;
  /** True when the mention starts a check (anything but status, who, portfolio or help). */
  startsCheck: boolean;
}

/** An @Koers in a channel: a check (the default), or one of the other words. */
export function parseMention(event: unknown, eventId: string | undefined): Mention | null {
  const parsed = MentionEventSchema.safeParse(event);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (!m.user || m.bot_id !== undefined) return null;
  const text = slackTextToPlain(m.text).trim();
  const { command } = parseCommand(text);
  const other =
    command.kind === 'status' ||
    command.kind === 'who' ||
    command.kind === 'portfolio' ||
    (command.kind === 'help' && /\S/.test(stripMentions(text)));
  const startsCheck = !other;
  // "@Koers" alone, or a sentence the words do not recognise, starts a check with what it said.
  const request: ChatRequest = {
    kind: 'text',
    text: startsCheck && command.kind !== 'check' ? `check ${stripMentions(text)}`.trim() : text,
  };
  return {
    channel: m.channel,
    threadTs: m.thread_ts ?? m.ts,
    startsCheck,
    turn: {
      identity: identityOf(m.user),
      dedupeKey: `slack:event:${eventId ?? `${m.channel}:${m.ts}`}`,
      request,
    },
  };
}

function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---- interactivity ------------------------------------------------------------------------------

const ActionSchema = z.looseObject({
  action_id: z.string().max(255),
  action_ts: z.string().max(64).optional(),
  value: z.string().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});

const BlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id, name: z.string().optional(), username: z.string().optional() }),
  team: z.looseObject({ id }).nullish(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  container: z
    .looseObject({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      view_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  view: z.looseObject({ id: z.string().optional(), type: z.string().optional() }).nullish(),
  actions: z.array(ActionSchema).min(1),
});

export interface ButtonClick {
  turn: SlackTurn;
  triggerId: string | undefined;
  /** Where the click happened: a message (its channel and ts), the Home tab, or a modal. */
  where:
    | { kind: 'message'; channel: string; ts: string; ephemeral: boolean }
    | { kind: 'home' }
    | { kind: 'other' };
  caseId: string | undefined;
}

/**
 * A click on one of Koers's buttons or selects. The dedupe key is made of what identifies one
 * click (team, user, action id, action_ts, the message), so the same payload sent twice is one click.
 */
export function parseBlockActions(body: unknown): ButtonClick | null {
  const parsed = BlockActionsSchema.safeParse(body);
  if (!parsed.success) return null;
  const b = parsed.data;
  const first = b.actions[0];
  if (!first) return null;
  const action = parseActionPayload(first.value ?? first.selected_option?.value ?? '');
  if (!action) return null;
  const c = b.container;
  const where: ButtonClick['where'] =
    c?.type === 'message' && c.channel_id && c.message_ts
      ? { kind: 'message', channel: c.channel_id, ts: c.message_ts, ephemeral: c.is_ephemeral === true }
      : c?.type === 'view' && b.view?.type === 'home'
        ? { kind: 'home' }
        : { kind: 'other' };
  const place = c?.message_ts ?? c?.view_id ?? '';
  const dedupeKey = `slack:action:${b.team?.id ?? ''}:${b.user.id}:${first.action_id}:${first.action_ts ?? ''}:${place}`;
  return {
    turn: {
      identity: identityOf(b.user.id, b.user.name ?? b.user.username),
      dedupeKey,
      request: { kind: 'action', action },
    },
    triggerId: b.trigger_id,
    where,
    caseId: caseIdOf(action),
  };
}

const InputValueSchema = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
});

const ViewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id, name: z.string().optional(), username: z.string().optional() }),
  team: z.looseObject({ id }).nullish(),
  view: z.looseObject({
    id: z.string().max(64),
    callback_id: z.string().optional(),
    private_metadata: z.string().max(3000).optional(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), InputValueSchema)) }).optional(),
  }),
});

export interface FormSubmit {
  turn: SlackTurn;
  metadata: ModalMetadata;
  caseId: string | undefined;
}

/** A modal's submit: the action its form carries (from private_metadata) and the values by field id. */
export function parseViewSubmission(body: unknown): FormSubmit | null {
  const parsed = ViewSubmissionSchema.safeParse(body);
  if (!parsed.success) return null;
  const b = parsed.data;
  const metadata = decodeModalMetadata(b.view.private_metadata ?? '');
  if (!metadata) return null;
  const values: Record<string, unknown> = {};
  for (const [blockId, elements] of Object.entries(b.view.state?.values ?? {})) {
    for (const element of Object.values(elements)) {
      const v = inputValue(element);
      if (v !== undefined) values[blockId] = v;
    }
  }
  // One submit of these values on this view: a replayed payload is the same key, a corrected resubmit is not.
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32);
  const dedupeKey = `slack:view:${b.team?.id ?? ''}:${b.user.id}:${b.view.id}:${digest}`;
  return {
    turn: {
      identity: identityOf(b.user.id, b.user.name ?? b.user.username),
      dedupeKey,
      request: { kind: 'action', action: metadata.action, values },
    },
    metadata,
    caseId: caseIdOf(metadata.action),
  };
}

function inputValue(e: z.infer<typeof InputValueSchema>): unknown {
  if (e.type === 'checkboxes') return (e.selected_options ?? []).map((o) => o.value);
  if (e.selected_option !== undefined) return e.selected_option?.value;
  return e.value ?? undefined;
}

const MetadataSchema = z.strictObject({
  a: z.string().max(2000),
  c: z.string().max(64).optional(),
  t: z.string().max(64).optional(),
});

export function decodeModalMetadata(text: string): ModalMetadata | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const m = MetadataSchema.safeParse(raw);
  if (!m.success) return null;
  const action = parseActionPayload(m.data.a);
  if (!action) return null;
  return { action, ...(m.data.c ? { channel: m.data.c } : {}), ...(m.data.t ? { ts: m.data.t } : {}) };
}

export function caseIdOf(action: ActionPayload): string | undefined {
  return 'caseId' in action ? action.caseId : undefined;
}
