// The understanding corpus (test/fixtures/understanding/), written from how people type before
// the parser that reads it: every phrasing is run through the code a chat message takes.
// Nothing may be stored wrong without being said back; at least 95 % must be understood at the
// first try and at most 1 % misread.
import { describe, expect, it } from 'vitest';
import { figuresOf, loadCorpus, runCase } from '../../support/understanding-corpus.js';

const corpus = loadCorpus();
const results = corpus.cases.map((c) => runCase(corpus, c));

describe('the understanding corpus', () => {
  it('is large and varied enough to measure by: 300+ phrasings, 30 % English, 25 % typos', () => {
    const f = figuresOf(results);
    expect(f.cases).toBeGreaterThanOrEqual(300);
    expect(f.english / f.cases).toBeGreaterThanOrEqual(0.3);
    expect(f.typos / f.cases).toBeGreaterThanOrEqual(0.25);
  });

  it.each(results.map((r) => [`[${r.c.at}] ${r.c.say}`, r] as const))(
    'never stores a value silently wrong: %s',
    (_, r) => {
      expect(r.silent, r.detail).toBe(false);
    },
  );

  it('understands at least 95 % at the first try and misreads at most 1 %', () => {
    const f = figuresOf(results);
    const missed = results.filter((r) => !r.understood).map((r) => `[${r.c.at}] ${r.c.say}: ${r.detail}`);
    expect(f.understood / f.cases, missed.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(f.misread / f.cases, missed.join('\n')).toBeLessThanOrEqual(0.01);
  });
});
