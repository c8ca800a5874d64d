// A proposal to check. Unknown ids, negative numbers and empty partner
// names are input errors, not verdicts: they never reach the check.
import { z } from 'zod';
import type { Strategy } from '../strategy/compile-strategy.js';
import { formatPath, isMissing, type StrategyIssue } from '../strategy/strategy-issues.js';

export const DIRECTIONS = ['we_need', 'they_need', 'shared'] as const;
export type Direction = (typeof DIRECTIONS)[number];

// Control characters, bidi overrides and isolates, zero-width joiners/spaces: they hide or
// reorder what a reader sees in a partner name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
export const MAX_PARTNER_NAME = 200;

export const PartnerNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'the partner name is empty')
      .max(MAX_PARTNER_NAME, `the partner name is longer than ${MAX_PARTNER_NAME} characters`)
      .refine((s) => !UNSAFE_TEXT.test(s), 'the partner name contains control or invisible characters'),
  );

/** The requester's own words about the proposal: line breaks allowed, no other control characters. */
export const DescriptionSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .max(2000, 'the description is longer than 2000 characters')
      .refine(
        (s) => !UNSAFE_TEXT.test(s.replace(/[\r\n\t]/gu, ' ')),
        'the description contains control or invisible characters',
      ),
  );

export const ProposalSchema = z.strictObject({
  partner: z.strictObject({ name: PartnerNameSchema, type: z.string().min(1) }),
  priority: z.string().min(1).nullable(),
  intensity: z.string().min(1),
  budget: z.number().finite().nonnegative().optional(),
  months: z.number().finite().nonnegative().optional(),
  direction: z.enum(DIRECTIONS),
  requester: z.strictObject({ id: z.string().min(1), role: z.string().min(1) }),
  confidential: z.boolean().optional(),
  description: DescriptionSchema.optional(),
});
export type ProposalInput = z.input<typeof ProposalSchema>;
export type Proposal = z.output<typeof ProposalSchema>;

export type ParseProposalResult = { ok: true; proposal: Proposal } | { ok: false; issues: StrategyIssue[] };

/** Validates shape and ids against the strategy; every problem at once. */
export function parseProposal(raw: unknown, strategy: Strategy): ParseProposalResult {
  const parsed = ProposalSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: formatPath(i.code === 'unrecognized_keys' ? [...i.path, i.keys[0] ?? ''] : i.path),
        message:
          i.code === 'unrecognized_keys'
            ? `unknown field ${i.keys.map((k) => `"${k}"`).join(', ')}`
            : isMissing(raw, i.path)
              ? 'is required'
              : i.message,
      })),
    };
  }
  const p = parsed.data;
  const issues: StrategyIssue[] = [];
  if (!strategy.partnerTypes.has(p.partner.type)) {
    issues.push({ path: 'partner.type', message: `unknown partner type "${p.partner.type}"` });
  }
  if (p.priority !== null && !strategy.priorities.has(p.priority)) {
    issues.push({ path: 'priority', message: `unknown priority "${p.priority}"` });
  }
  if (!strategy.intensities.has(p.intensity)) {
    issues.push({ path: 'intensity', message: `unknown intensity "${p.intensity}"` });
  }
  if (!strategy.roles.has(p.requester.role)) {
    issues.push({ path: 'requester.role', message: `unknown role "${p.requester.role}"` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, proposal: p };
}
