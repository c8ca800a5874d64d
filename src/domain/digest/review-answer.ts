// A relationship's periodic review (evaluatie / ijkmoment): the owner says whether to continue,
// adjust or end it, what it delivered, and rates its contribution to its priority (1-5).
import { z } from 'zod';
import { addMonths } from '../time.js';

export const REVIEW_OUTCOMES = ['continue', 'adjust', 'end'] as const;
export const MAX_DELIVERED = 2000;

export const ReviewAnswerSchema = z.strictObject({
  outcome: z.enum(REVIEW_OUTCOMES),
  delivered: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z.string().min(1, 'say what it delivered').max(MAX_DELIVERED, `at most ${MAX_DELIVERED} characters`),
    ),
  rating: z.coerce.number().int().min(1, 'a rating from 1 to 5').max(5, 'a rating from 1 to 5'),
});
export type ReviewAnswer = z.output<typeof ReviewAnswerSchema>;

/** Form field ids of the review form (reviewRequestView); channels hand their values back as text. */
export const REVIEW_FIELDS = {
  outcome: 'review_outcome',
  delivered: 'review_delivered',
  rating: 'review_rating',
} as const;

export type ParsedReviewAnswer =
  | { ok: true; answer: ReviewAnswer }
  | { ok: false; problems: Array<{ field: string; message: string }> };

/** Reads an answer from an object or from the form's values (keyed by REVIEW_FIELDS ids). */
export function parseReviewAnswer(raw: unknown): ParsedReviewAnswer {
  const value =
    raw !== null && typeof raw === 'object' && REVIEW_FIELDS.outcome in raw
      ? {
          outcome: (raw as Record<string, unknown>)[REVIEW_FIELDS.outcome],
          delivered: (raw as Record<string, unknown>)[REVIEW_FIELDS.delivered] ?? '',
          rating: (raw as Record<string, unknown>)[REVIEW_FIELDS.rating],
        }
      : raw;
  const parsed = ReviewAnswerSchema.safeParse(value);
  if (parsed.success) return { ok: true, answer: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'answer'), message: i.message })),
  };
}

/** The next review date after a review on `today`: review.everyMonths later. */
export function nextReviewDue(today: string, everyMonths: number): string {
  return addMonths(today, everyMonths);
}
