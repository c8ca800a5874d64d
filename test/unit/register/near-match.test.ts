// Near matches for "who works with X?": acronyms, stop words, Dutch/English words, overlap.
import { describe, expect, it } from 'vitest';
import {
  isNearMatch,
  NEAR_MATCH_THRESHOLD,
  nearMatchScore,
  significantTokens,
} from '../../../src/domain/portfolio/near-match.js';
import { partnerKey } from '../../../src/domain/portfolio/partner-key.js';
import { lookupTerms, partnerWords } from '../../../src/domain/portfolio/partner-words.js';
import { areNearWords } from '../../../src/domain/text/edit-distance.js';

const score = (a: string, b: string) => nearMatchScore(partnerKey(a), partnerKey(b));
const near = (a: string, b: string) => isNearMatch(partnerKey(a), partnerKey(b));

/**
 * What the store's word index finds (partner-index.ts, who-works-with.ts), in memory: a term of
 * the query is one of the stored key's index entries, or a stored word (not initials) is near a
 * word of the query.
 */
const found = (query: string, stored: string) => {
  const { words, terms } = lookupTerms(partnerKey(query));
  return partnerWords(partnerKey(stored)).some(
    (w) => terms.includes(w) || (!w.startsWith('^') && words.some((q) => areNearWords(q, w))),
  );
};

describe('significantTokens', () => {
  it('drops Dutch and English stop words and splits on punctuation', () => {
    expect(significantTokens('hoogheemraadschap van rijnland')).toEqual(['hoogheemraadschap', 'rijnland']);
    expect(significantTokens('wageningen university & research')).toEqual([
      'wageningen',
      'university',
      'research',
    ]);
    expect(significantTokens('the art of the deal and more')).toEqual(['art', 'deal', 'more']);
  });

  it('compares a few Dutch words as their English counterparts', () => {
    expect(significantTokens('universiteit leiden')).toEqual(['university', 'leiden']);
  });
});

describe('nearMatchScore', () => {
  it.each([
    ['TU Delft', 'Technische Universiteit Delft'],
    ['WUR', 'Wageningen University & Research'],
    ['UvA', 'Universiteit van Amsterdam'],
    ['Universiteit Leiden', 'Leiden University'],
  ])('treats %s and %s as the same partner', (a, b) => {
    expect(score(a, b)).toBe(1);
    expect(score(b, a)).toBe(1);
    expect(near(a, b)).toBe(true);
  });

  it.each([
    ['Rijnland', 'Hoogheemraadschap van Rijnland'],
    ['Delft', 'TU Delft'],
    ['TNO', 'TNO Innovation for Life'],
  ])('finds %s inside %s', (a, b) => {
    expect(near(a, b)).toBe(true);
  });

  it.each([
    ['TU Delft', 'Gemeente Delft'],
    ['Gemeente Leiden', 'Universiteit Leiden'],
    ['Eneco', 'Energie Samen'],
    ['Van de Berg', 'De Vries'],
  ])('does not take %s for %s', (a, b) => {
    expect(score(a, b)).toBeLessThan(NEAR_MATCH_THRESHOLD);
    expect(near(a, b)).toBe(false);
  });

  it('scores nothing for names of stop words only', () => {
    expect(score('Van de', 'van de')).toBe(0);
  });

  it('never calls the same key a near match (that is an exact match)', () => {
    expect(near('TU Delft', 'tu delft')).toBe(false);
  });
});

describe('the word index', () => {
  it.each([
    ['TU Delft', 'Technische Universiteit Delft'],
    ['Technische Universiteit Delft', 'TU Delft'],
    ['WUR', 'Wageningen University & Research'],
    ['Wageningen University & Research', 'WUR'],
    ['UvA', 'Universiteit van Amsterdam'],
    ['Leiden University', 'Universiteit Leiden'],
    ['Rijnland', 'Hoogheemraadschap van Rijnland'],
    ['Deltaris', 'Stichting Deltares'],
    ['Detlares', 'Deltares'],
    ['TU Delf', 'TU Delft'],
  ])('lets the store find %s -> %s', (query, stored) => {
    expect(found(query, stored)).toBe(true);
  });

  it('finds nothing for an unrelated name, or a name of stop words only', () => {
    expect(found('Gemeente Gouda', 'Deltares')).toBe(false);
    expect(lookupTerms('van de').terms).toEqual([]);
  });
});
