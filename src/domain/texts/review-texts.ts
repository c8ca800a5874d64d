// The review a relationship's owner is asked for: the form and the list of reviews due.
import type { reviewNl } from './nl/review.js';

export type ReviewTexts = typeof reviewNl;
