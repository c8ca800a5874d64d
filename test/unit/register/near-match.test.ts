// Near matches for "who works with X?": acronyms, stop words, Dutch/English words, overlap.
import { describe, expect, it } from 'vitest';
import {
  isNearMatch,
  NEAR_MATCH_THRESHOLD,
  nearMatchPatterns,
  nearMatchScore,
  significantTokens,
} from '../../../src/domain/portfolio/near-match.js';
import { partnerKey } from '../../../src/domain/portfolio/partner-key.js';

const score = (a: string, b: string) => nearMatchScore(partnerKey(a), partnerKey(b));
const near = (a: string, b: string) => isNearMatch(partnerKey(a), partnerKey(b));

/** What SQL LIKE would make of a pattern, to check the candidate search finds what scoring accepts. */
function like(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('%')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return re.test(text);
}
const found = (query: string, stored: string) =>
  nearMatchPatterns(partnerKey(query)).some((p) => like(p, partnerKey(stored)));

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

describe('nearMatchPatterns', () => {
  it.each([
    ['TU Delft', 'Technische Universiteit Delft'],
    ['Technische Universiteit Delft', 'TU Delft'],
    ['WUR', 'Wageningen University & Research'],
    ['Wageningen University & Research', 'WUR'],
    ['UvA', 'Universiteit van Amsterdam'],
    ['Leiden University', 'Universiteit Leiden'],
    ['Rijnland', 'Hoogheemraadschap van Rijnland'],
  ])('lets the store find %s -> %s', (query, stored) => {
    expect(found(query, stored)).toBe(true);
  });

  it('holds only letters, digits, spaces and wildcards (nothing to escape)', () => {
    for (const p of nearMatchPatterns(partnerKey('50%_korting & co (TU) Delft!')))
      expect(p).toMatch(/^[\p{L}\p{N} %]+$/u);
  });

  it('gives nothing to search for a name of stop words only', () => {
    expect(nearMatchPatterns('van de')).toEqual([]);
  });
});
