// The shape of a signed Slack body, checked before Bolt sees it. Bolt dereferences parts of every
// body without checking them (`body.ssl_check` of a `null` body is an uncaught TypeError that ends
// the process; `body.user.id` of a click without a user is a 500), and holds any body it cannot
// route for 3 s before answering 404. So only the kinds Koers listens for reach Bolt, with the
// fields Bolt reads present and of the right type; the rest is answered at once: 400 without a
// body, or a plain 200 for what Slack expects acknowledged but Koers does nothing with.
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';
import { MODAL_CALLBACK_ID } from './render-block-kit.js';

export type BodyShape =
  /** Hand it to Bolt. */
  | { ok: true }
  /** Answer at once: 200 (an acknowledgement) or 400 (malformed), without a body. */
  | { ok: false; status: 200 | 400; why: string };

const FORM = 'application/x-www-form-urlencoded';
const text = z.string().max(10_000);
const id = z.string().min(1).max(255);
/** An object Bolt may read `.id` of; null where Slack sends null. */
const withId = z.looseObject({ id });
const nullableObject = z.looseObject({}).nullish();

// Bolt reads `event.user` (a string or an object with an id), `event.channel` (a string, or an
// object it looks for `creator` in), `event.item.channel`, `event.subteam.created_by`, and the
// first authorization's team and enterprise ids.
const EventSchema = z.looseObject({
  type: z.string().min(1).max(100),
  user: z.union([z.string().max(255), withId]).optional(),
  channel: z.union([z.string().max(255), z.looseObject({})]).optional(),
  channel_id: z.string().max(255).optional(),
  item: z.looseObject({}).optional(),
  subteam: z.looseObject({}).optional(),
});

const EventCallbackSchema = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().max(255).optional(),
  team_id: z.string().max(255).optional(),
  event: EventSchema,
  authorizations: z.array(z.looseObject({})).optional(),
});

const UrlVerificationSchema = z.looseObject({ type: z.literal('url_verification'), challenge: text });

// Interactivity. Bolt takes a body with an `event` for an event and one with a `command` for a
// command, whatever its type says, so neither may be there.
const interactive = {
  event: z.undefined().optional(),
  command: z.undefined().optional(),
  user: z.looseObject({ id, team_id: z.string().max(255).optional() }),
  team: nullableObject,
  enterprise: nullableObject,
  channel: withId.optional(),
};

const BlockActionsSchema = z.looseObject({
  ...interactive,
  type: z.literal('block_actions'),
  actions: z
    .array(z.looseObject({ action_id: z.string().max(255), block_id: z.string().max(255).optional() }))
    .min(1),
  view: nullableObject,
});

// Koers opens modals of one kind only; Bolt would hold a submit of any other for 3 s.
const ViewSubmissionSchema = z.looseObject({
  ...interactive,
  type: z.literal('view_submission'),
  view: z.looseObject({
    id,
    callback_id: z.literal(MODAL_CALLBACK_ID),
    app_installed_team_id: z.string().max(255).optional(),
  }),
});

const SlashCommandSchema = z.looseObject({
  command: z.literal('/koers'),
  user_id: id,
  trigger_id: id,
  team_id: z.string().max(255).optional(),
  channel_id: z.string().max(255).optional(),
  text: z.string().optional(),
});

/** Interactive payload types Slack may send that Koers acknowledges and does nothing with. */
const ACKNOWLEDGED = new Set(['view_closed']);
/** Events API envelopes Koers acknowledges and does nothing with (Slack's notice that it drops events). */
const ACKNOWLEDGED_ENVELOPES = new Set(['app_rate_limited']);

const malformed = (why: string): BodyShape => ({ ok: false, status: 400, why });
const acknowledged = (why: string): BodyShape => ({ ok: false, status: 200, why });

/** A body as it arrived, its form fields parsed once for every check that reads them. */
export interface ArrivedBody {
  raw: string;
  /** The form's fields when it is a form (the content type compared exactly, as Bolt does). */
  form: ReturnType<typeof parseQuery> | undefined;
}

export function arrivedBody(raw: string, contentType: string | undefined): ArrivedBody {
  return { raw, form: contentType === FORM ? parseQuery(raw) : undefined };
}

/** True for Slack's unsigned SSL check (`ssl_check=1`), which Bolt answers itself. */
export function isSslCheck(body: ArrivedBody): boolean {
  return body.form?.ssl_check === '1';
}

/**
 * What to do with a body whose signature is valid. The content type is compared exactly as Bolt
 * does: anything but the form type is parsed as JSON.
 */
export function checkSlackBody({ raw, form }: ArrivedBody): BodyShape {
  if (form) {
    if (typeof form.payload === 'string') return checkInteractive(form.payload);
    if (form.payload !== undefined) return malformed('more than one payload field');
    return SlashCommandSchema.safeParse(form).success ? { ok: true } : malformed('not a /koers command');
  }
  const body = parseJson(raw);
  if (!isRecord(body)) return malformed('not a JSON object');
  if (body.type === 'url_verification')
    return UrlVerificationSchema.safeParse(body).success ? { ok: true } : malformed('bad url_verification');
  if (body.type === 'event_callback')
    return EventCallbackSchema.safeParse(body).success ? { ok: true } : malformed('bad event_callback');
  if (typeof body.type === 'string' && ACKNOWLEDGED_ENVELOPES.has(body.type))
    return acknowledged(`${body.type}: nothing to do`);
  return malformed('not an Events API envelope Koers takes');
}

function checkInteractive(payload: string): BodyShape {
  const body = parseJson(payload);
  if (!isRecord(body)) return malformed('payload is not a JSON object');
  if (typeof body.type === 'string' && ACKNOWLEDGED.has(body.type))
    return acknowledged(`${body.type}: nothing to do`);
  const schema =
    body.type === 'block_actions'
      ? BlockActionsSchema
      : body.type === 'view_submission'
        ? ViewSubmissionSchema
        : null;
  if (!schema) return malformed('not an interaction Koers takes');
  return schema.safeParse(body).success ? { ok: true } : malformed(`bad ${String(body.type)}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
