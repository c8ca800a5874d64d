import { describe, expect, it } from 'vitest';
import { nextReviewDue, parseReviewAnswer, REVIEW_FIELDS } from '../../../src/domain/digest/review-answer.js';

describe('a review answer', () => {
  it('reads the form values a channel hands back', () => {
    const r = parseReviewAnswer({
      [REVIEW_FIELDS.outcome]: 'adjust',
      [REVIEW_FIELDS.delivered]: '  Twee pilots  ',
      [REVIEW_FIELDS.rating]: '4',
    });
    expect(r).toEqual({ ok: true, answer: { outcome: 'adjust', delivered: 'Twee pilots', rating: 4 } });
  });

  it('refuses an unknown outcome, an empty text and a rating outside 1-5, naming each field', () => {
    const r = parseReviewAnswer({ outcome: 'maybe', delivered: ' ', rating: 6 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['delivered', 'outcome', 'rating']);
    expect(parseReviewAnswer({ outcome: 'end', delivered: 'x', rating: 2.5 }).ok).toBe(false);
    expect(parseReviewAnswer({ outcome: 'end', delivered: 'x', rating: 3, extra: 1 }).ok).toBe(false);
  });

  it('sets the next review review.everyMonths later, at the end of a shorter month', () => {
    expect(nextReviewDue('2026-11-25', 12)).toBe('2027-11-25');
    expect(nextReviewDue('2026-08-31', 6)).toBe('2027-02-28');
  });
});
