// What an outbox row may say: each kind of message with the payload it carries, checked when a
// row is written (a message that does not fit is a programming error and throws) and when it is
// read for delivery (a row that does not fit, from an older or a broken writer, is skipped with
// its reason instead of being sent half-built). Rows written before this check existed have these
// same shapes, so they deliver unchanged.
import { z } from 'zod';

const person = z.string().min(1);

/** One schema per kind of message; the outer keys of a payload, not the digest's whole tree. */
export const OUTBOX_PAYLOADS = {
  approval_request: z.looseObject({ to: person, onBehalfOf: person.optional() }),
  reminder: z.looseObject({ to: person, onBehalfOf: person.optional() }),
  requester_update: z.looseObject({ to: person, event: z.string().min(1) }),
  case_update: z.looseObject({}),
  strategy_summary: z.looseObject({ outcome: z.string().min(1) }),
  alliance_alert: z.looseObject({
    reason: z.string().min(1),
    detail: z.record(z.string(), z.unknown()).optional(),
  }),
  digest: z.looseObject({
    runKey: z.string().min(1),
    period: z.looseObject({ label: z.string(), start: z.string(), end: z.string() }),
    trigger: z.string(),
  }),
  running_digest: z.looseObject({
    digest: z.looseObject({}),
    chartPng: z.string().nullable(),
  }),
  review_request: z.looseObject({
    date: z.string(),
    subjects: z.array(z.looseObject({ relationshipId: z.number(), partner: z.string() })).min(1),
    more: z.number(),
  }),
} as const;

export type OutboxKind = keyof typeof OUTBOX_PAYLOADS;

const TARGET = z.union([
  z.strictObject({ person }),
  z.strictObject({ channel: z.enum(['strategy', 'allianceTeam']) }),
  z.strictObject({ conversation: z.string().min(1) }),
  z.strictObject({ case: z.literal(true) }),
]);

export type OutboxCheck = { ok: true } | { ok: false; reason: string };

/** Does a message of `kind` with this target and payload fit what Koers sends? */
export function checkOutboxMessage(kind: string, target: unknown, payload: unknown): OutboxCheck {
  const schema = (OUTBOX_PAYLOADS as Record<string, z.ZodType | undefined>)[kind];
  if (!schema) return { ok: false, reason: `unknown kind ${kind}` };
  if (!TARGET.safeParse(target).success) return { ok: false, reason: `${kind}: not a target Koers sends to` };
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `${kind}: payload does not fit (${issue ? `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}` : 'invalid'})`,
  };
}
