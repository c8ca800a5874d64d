// The neutral view model every channel renders (Slack: Block Kit, Teams: Adaptive Cards), each
// with a plain-text fallback. All text is plain: people's words (partner names, reasons) are
// kept as data here, and each channel escapes them for its own markup.
import { z } from 'zod';
import type { Verdict } from '../domain/check/verdict.js';
import { CASE_ID_PATTERN } from '../domain/workflow/case-id.js';

export const DECISIONS = ['approve', 'reject', 'ask_info', 'pass_up'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The actions about one case; their `caseId` must be a case id (CASE_ID_PATTERN). */
export const CASE_ACTIONS = ['decide', 'request_exception', 'withdraw', 'answer_info', 'show_case'] as const;

function caseActionSchemas<T extends z.ZodString>(caseId: T) {
  return [
    z.strictObject({
      type: z.literal('decide'),
      caseId,
      step: z.number().int().nonnegative(),
      version: z.number().int().nonnegative(),
      decision: z.enum(DECISIONS),
    }),
    z.strictObject({ type: z.literal('request_exception'), caseId }),
    z.strictObject({ type: z.literal('withdraw'), caseId }),
    z.strictObject({ type: z.literal('answer_info'), caseId }),
    z.strictObject({ type: z.literal('show_case'), caseId }),
  ] as const;
}

/** A case action with any text for its case id: told apart from other junk so it can be refused. */
const LooseCaseActionSchema = z.discriminatedUnion('type', caseActionSchemas(z.string().max(100)));

/**
 * What a button, a choice or a form submit carries back. It comes back from a client, so it is
 * never trusted: channels parse it with `parseActionPayload`, and the workflow re-checks that
 * whoever clicked may do what it says.
 */
export const ActionPayloadSchema = z.discriminatedUnion('type', [
  /** An answer in the guided check; `step` is the question it belongs to (stale clicks are caught). */
  z.strictObject({
    type: z.literal('dialog'),
    value: z.string().min(1).max(120),
    step: z.string().max(40).optional(),
  }),
  z.strictObject({ type: z.literal('start_check'), form: z.boolean().optional() }),
  z.strictObject({ type: z.literal('submit_check_form') }),
  /** "Did you mean …": who works with this partner. */
  z.strictObject({ type: z.literal('who'), partner: z.string().min(1).max(200) }),
  ...caseActionSchemas(z.string().regex(CASE_ID_PATTERN)),
  /**
   * A case action whose case id was not one ("3e0", "0x3", " 3", "abc"): never made by Koers,
   * only by parseActionPayload, so that it is refused with a message rather than ignored.
   */
  z.strictObject({ type: z.literal('invalid_case_id'), attempted: z.enum(CASE_ACTIONS) }),
  /** The answer to a relationship's review (src/jobs/reviews.ts); `dueDate` is the review it answers. */
  z.strictObject({
    type: z.literal('submit_review'),
    relationshipId: z.string().regex(CASE_ID_PATTERN),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
]);
export type ActionPayload = z.infer<typeof ActionPayloadSchema>;

/** Longest encoded payload accepted (Slack's button `value` limit). */
export const MAX_ACTION_PAYLOAD = 2000;

/** A payload from a client (JSON text or an object), or null when it is not one of ours. */
export function parseActionPayload(raw: unknown): ActionPayload | null {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_ACTION_PAYLOAD) return null;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const parsed = ActionPayloadSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const loose = LooseCaseActionSchema.safeParse(value);
  return loose.success ? { type: 'invalid_case_id', attempted: loose.data.type } : null;
}

export function encodeActionPayload(action: ActionPayload): string {
  return JSON.stringify(action);
}

export interface TextBlock {
  type: 'text';
  text: string;
  /** Shown stronger (bold, or a heading). */
  emphasis?: boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export interface FactsBlock {
  type: 'facts';
  facts: Fact[];
}

export interface ChoiceOption {
  id: string;
  label: string;
  description?: string;
  /** What picking this option sends back. */
  action: ActionPayload;
}

/** A single-choice question; in text, an option is also picked by its number, id or name. */
export interface ChoicesBlock {
  type: 'choices';
  id: string;
  label?: string;
  options: ChoiceOption[];
  /** The option chosen earlier, when the question is asked again. */
  selected?: string;
  /**
   * The options are shown with their numbers (1., 2., …), so a typed number picks one
   * (default). False for a short offer of choices, whose numbers would clash with the list's.
   */
  numbered?: boolean;
}

export type ButtonStyle = 'primary' | 'danger' | 'default';

export interface Button {
  id: string;
  label: string;
  style: ButtonStyle;
  action: ActionPayload;
}

export interface ButtonsBlock {
  type: 'buttons';
  buttons: Button[];
}

export interface SelectOption {
  id: string;
  label: string;
  description?: string;
}

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  hint?: string;
  /** Shown on the field after a submit that failed validation. */
  error?: string;
}

export interface TextField extends FieldBase {
  kind: 'text';
  value?: string;
  maxLength?: number;
  multiline?: boolean;
  placeholder?: string;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  /** As the person typed it (a channel with a numeric input shows it only when it is a number). */
  value?: string;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface SelectField extends FieldBase {
  kind: 'select';
  options: SelectOption[];
  value?: string;
}

export interface ToggleField extends FieldBase {
  kind: 'toggle';
  value: boolean;
}

export type FormField = TextField | NumberField | SelectField | ToggleField;

export interface FormBlock {
  type: 'form';
  id: string;
  fields: FormField[];
  submit: { label: string; action: ActionPayload };
  /** A problem with the form as a whole. */
  error?: string;
}

/** Small print: hints, ids, progress. */
export interface ContextBlock {
  type: 'context';
  text: string;
}

export type Block = TextBlock | FactsBlock | ChoicesBlock | ButtonsBlock | FormBlock | ContextBlock;

/**
 * What a view is, so each channel draws it without guessing from its words: the guided check
 * (`question`, `confirm`, `check_form`), the check's outcome (`verdict`), a case (`approval` for
 * the person who decides it now, `case` for everyone else, `reminder`, `update` for the
 * requester, `summary` for the strategy channel), and the other answers.
 */
export const VIEW_KINDS = [
  'question',
  'confirm',
  'check_form',
  'verdict',
  'approval',
  'case',
  'reminder',
  'update',
  'summary',
  'status',
  'who',
  'help',
  'welcome',
  'portfolio',
  'digest',
  'review',
  'decision_form',
  'notice',
] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/** A part of a view under a heading, as data: facts, then lines. */
export interface ViewSection {
  heading: string;
  facts: Fact[];
  lines: string[];
}

export interface View {
  kind: ViewKind;
  /** The case the view is about, when it is about one. */
  caseId?: string;
  /** For `verdict`: the check's outcome. */
  verdict?: Verdict;
  /**
   * For `digest`: the small print under the title and the sections, as data, for a channel that
   * lays a digest out itself (the Teams card); the blocks draw the same for the others.
   */
  digest?: { subtitle: string; sections: ViewSection[] };
  title?: string;
  blocks: Block[];
  /** The whole view as plain text: notifications, screen readers, clients without cards. */
  fallbackText: string;
}
