// How well Koers understands ordinary typed messages: the corpus in test/fixtures/understanding/
// (Dutch and English, typos, amounts, durations, openings, partners in sentences, lookups) run
// through the same code a chat message takes. Counts, not time: repeatable on any machine.
import { figuresOf, loadCorpus, runCase } from '../test/support/understanding-corpus.js';
import type { BenchModule } from './bench-result.js';

const bench: BenchModule = {
  title: 'Understanding: the phrasing corpus',
  async run() {
    const corpus = loadCorpus();
    const results = corpus.cases.map((c) => runCase(corpus, c));
    const f = figuresOf(results);
    const pct = (n: number) => (100 * n) / f.cases;
    return [
      { name: 'phrasings', value: f.cases, unit: 'cases', target: { kind: 'min', value: 300 } },
      { name: 'in English', value: pct(f.english), unit: '%', target: { kind: 'min', value: 30 } },
      { name: 'with typos', value: pct(f.typos), unit: '%', target: { kind: 'min', value: 25 } },
      {
        name: 'understood at the first phrase',
        value: pct(f.understood),
        unit: '%',
        target: { kind: 'min', value: 95 },
      },
      {
        name: 'misread (a value stored that was not meant)',
        value: pct(f.misread),
        unit: '%',
        target: { kind: 'max', value: 1 },
      },
      {
        name: 'silent misreadings (misread and never said back)',
        value: f.silent,
        unit: 'cases',
        target: { kind: 'max', value: 0 },
      },
    ];
  },
};

export default bench;
