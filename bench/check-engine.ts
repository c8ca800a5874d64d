// The check engine: checks per second on one core for the example strategy against a
// 10,000-relationship portfolio, producing the full result (verdict, route, reasons, notices,
// suggestions, all messages in the strategy's locale). The portfolio index is built once,
// outside the timing; a check must not scan the portfolio.
//
// Against a baseline in the same run: a JSON round trip of the same proposal
// (JSON.parse(JSON.stringify(p))), the least any code that takes a proposal apart and builds a
// result must do. The two are measured in alternating rounds (A/B/A/B) and the ratio is the median
// of three rounds. When valgrind is installed, the instructions per check are counted too
// (callgrind, in a process of its own, V8 kept to the main thread: the difference between runs of
// two sizes, both past the warm-up, so start-up and compilation cancel out); a count is not moved
// by other load on the machine, though it still moves by a few per cent from run to run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Proposal } from '../src/domain/check/proposal.js';
import type { ExistingRelationship } from '../src/domain/portfolio/portfolio-view.js';
import { readPortfolioCsv } from '../src/portfolio/read-register-csv.js';
import { seededRandom } from '../test/support/seeded-random.js';
import type { BenchModule, BenchResult } from './bench-result.js';
import { KOERS_FROM, koersModule } from './koers-code.js';
import { cpuPerCall, median } from './measure.js';

// The engine as Koers runs it (compiled, from dist/ unless KOERS_BENCH_FROM=src): the check, and
// the strategy and portfolio index it reads, which carry functions of their own.
const [{ checkProposal }, { indexPortfolio }, { parseStrategy }] = await Promise.all([
  koersModule<typeof import('../src/domain/check/check-proposal.js')>('domain/check/check-proposal'),
  koersModule<typeof import('../src/domain/portfolio/portfolio-view.js')>('domain/portfolio/portfolio-view'),
  koersModule<typeof import('../src/domain/strategy/parse-strategy.js')>('domain/strategy/parse-strategy'),
]);

const TARGET_CHECKS_PER_S = 200_000;
const PORTFOLIO_SIZE = 10_000;
const MEASURE_MS = 2_000;
const ROUND_MS = 500;
const ROUNDS = 3;
const TARGET_JSON_RATIO = 0.7;
const SELF = fileURLToPath(import.meta.url);

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

const PREFIXES = [
  'Ingenieursbureau',
  'Stichting',
  'Adviesbureau',
  'Coöperatie',
  'Hogeschool',
  'Gemeente',
  'Netwerk',
];
const NOUNS = [
  'Polder',
  'Wéstland',
  'Delta',
  'Zonnedak',
  'Groene Hart',
  'Veenweide',
  'Rivierduin',
  'Kustlijn',
];
const FORMS = ['', ' B.V.', ' BV', ', Inc.', ' N.V.', ' U.A.', ' GmbH'];

function example() {
  const parsed = parseStrategy(
    readFileSync(new URL('../config/strategy.example.yaml', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('the example strategy is invalid');
  const csv = readPortfolioCsv(
    readFileSync(new URL('../config/portfolio.example.csv', import.meta.url), 'utf8'),
  );
  if (!csv.ok) throw new Error('the example portfolio is invalid');
  return { strategy: parsed.strategy, relationships: csv.relationships };
}

function generatePortfolio(
  base: ExistingRelationship[],
  owners: string[],
  priorities: string[],
  rnd: () => number,
) {
  const out = [...base];
  for (let i = out.length; i < PORTFOLIO_SIZE; i++) {
    // Exploratory relationships are rare and ended: the allowance (4 at a time) keeps room.
    const exploratory = rnd() < 0.02;
    out.push({
      partner: `${pick(rnd, PREFIXES)} ${pick(rnd, NOUNS)} ${i}${pick(rnd, FORMS)}`,
      owner: pick(rnd, owners),
      priority: exploratory ? null : pick(rnd, priorities),
      intensity: 'project',
      status: exploratory || rnd() < 0.5 ? 'ended' : 'active',
    });
  }
  return out;
}

function generateProposals(
  s: ReturnType<typeof example>['strategy'],
  portfolio: ExistingRelationship[],
  rnd: () => number,
): Proposal[] {
  const active = portfolio.filter((r) => r.status === 'active');
  const out: Proposal[] = [];
  for (let i = 0; i < 512; i++) {
    // Half with a partner already in the register, written differently (the key must match).
    const existing = rnd() < 0.5;
    const name = existing
      ? pick(rnd, active)
          .partner.toUpperCase()
          .replace(/ B\.V\.$/, ' bv')
      : `Nieuwe Partner ${i}${pick(rnd, FORMS)}`;
    out.push({
      partner: { name, type: pick(rnd, s.file.partnerTypes).id },
      priority: rnd() < 0.15 ? null : pick(rnd, s.file.priorities).id,
      intensity: pick(rnd, s.file.intensities).id,
      budget: pick(rnd, [0, 2500, 5000, 8000, 10_000, 25_000, 60_000, 300_000, 2_000_000]),
      months: pick(rnd, [3, 6, 12, 18, 36, 80]),
      direction: pick(rnd, ['we_need', 'they_need', 'shared'] as const),
      requester: { id: 'u-bench', role: pick(rnd, s.file.roles).id },
    });
  }
  return out;
}

/** Runs `fn` over the proposals until `ms` of CPU time have passed; CPU µs per call. */
function measure(
  proposals: Proposal[],
  ms: number,
  fn: (p: Proposal) => number,
): { usPerCall: number; calls: number; sink: number } {
  let sink = 0;
  const { usPerCall, calls } = cpuPerCall(ms, () => {
    for (const p of proposals) sink += fn(p);
    return proposals.length;
  });
  return { usPerCall, calls, sink };
}

function setup() {
  const rnd = seededRandom(2);
  const { strategy, relationships } = example();
  const owners = strategy.people.map((p) => p.id);
  const portfolioRows = generatePortfolio(
    relationships,
    owners,
    strategy.file.priorities.map((p) => p.id),
    rnd,
  );
  const portfolio = indexPortfolio(portfolioRows);
  const proposals = generateProposals(strategy, portfolioRows, rnd);
  const nameOf = new Map(strategy.people.map((p) => [p.id, p.name]));
  const options = { nameOf: (id: string) => nameOf.get(id) ?? id };
  const check = (p: Proposal) => {
    const r = checkProposal(strategy, p, portfolio, options);
    return r.reasons.length + r.notices.length + r.suggestions.length;
  };
  return { strategy, portfolioRows, portfolio, proposals, options, check };
}

const jsonRoundTrip = (p: Proposal) => (JSON.parse(JSON.stringify(p)) as Proposal).months ?? 0;

/** Instructions per check from callgrind, or null (with the reason) when valgrind is not there. */
function instructionsPerCheck(): { value: number | null; note: string } {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { value: null, note: 'valgrind is not installed: skipped' };
  const collected = (checks: number): number => {
    const run = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        // V8's compiler and garbage collector on the main thread: background threads run when
        // they are scheduled, which moved the count by a third from run to run.
        '--single-threaded',
        '--import',
        'tsx',
        SELF,
        '--count-child',
        String(checks),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const m = /Collected : (\d+)/.exec(run.stderr ?? '');
    if (run.status !== 0 || !m) throw new Error(`callgrind run failed: ${(run.stderr ?? '').slice(-500)}`);
    return Number(m[1]);
  };
  // Both past the warm-up, so the difference is checks of fully optimised code, not compilation.
  const small = 10_000;
  const large = 60_000;
  const a = collected(small);
  const b = collected(large);
  return {
    value: (b - a) / (large - small),
    note: `callgrind, node --single-threaded: (instructions of ${large.toLocaleString('en-GB')} checks - of ${small.toLocaleString('en-GB')}) / ${(large - small).toLocaleString('en-GB')}`,
  };
}

const bench: BenchModule = {
  title: `Check engine: example strategy, 10,000-relationship portfolio, full result in the strategy locale (Koers from ${KOERS_FROM}/)`,
  async run(): Promise<BenchResult[]> {
    const { strategy, portfolioRows, portfolio, proposals, options, check } = setup();

    // The mix must exercise everything: all three verdicts, existing and new partners.
    const verdicts = new Map<string, number>();
    let withExisting = 0;
    for (const p of proposals) {
      const r = checkProposal(strategy, p, portfolio, options);
      verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
      if (r.notices.some((n) => n.code === 'existing_relationship')) withExisting++;
    }
    if (verdicts.size !== 3 || withExisting === 0 || withExisting === proposals.length) {
      throw new Error(
        `the proposals do not cover the cases: ${JSON.stringify([...verdicts])}, ${withExisting} existing`,
      );
    }
    const mix = ['within_mandate', 'escalate', 'outside_strategy']
      .map((v) => `${Math.round((100 * (verdicts.get(v) ?? 0)) / proposals.length)}%`)
      .join(' / ');

    measure(proposals, 300, check); // warm up
    measure(proposals, 300, jsonRoundTrip);
    const checks = measure(proposals, MEASURE_MS, check);
    const ratios: number[] = [];
    const jsonUs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const c = measure(proposals, ROUND_MS, check);
      const j = measure(proposals, ROUND_MS, jsonRoundTrip);
      ratios.push(c.usPerCall / j.usPerCall);
      jsonUs.push(j.usPerCall);
    }
    const checksPerS = 1e6 / checks.usPerCall;
    const instructions = instructionsPerCheck();
    return [
      {
        name: 'checks per second (one core)',
        value: checksPerS,
        unit: 'checks/s',
        target: { value: TARGET_CHECKS_PER_S, kind: 'min' },
        note: `${checks.calls.toLocaleString('en-GB')} checks, CPU time`,
      },
      {
        name: 'time per check',
        value: checks.usPerCall,
        unit: 'µs',
        target: { value: 1e6 / TARGET_CHECKS_PER_S, kind: 'max' },
      },
      {
        name: 'check / JSON round trip of its proposal',
        value: median(ratios),
        unit: 'ratio',
        target: { value: TARGET_JSON_RATIO, kind: 'max' },
        note: `baseline: JSON.parse(JSON.stringify(p)), ${median(jsonUs).toFixed(2)} µs; alternating rounds of ${ROUND_MS} ms, median of ${ROUNDS}`,
      },
      instructions.value === null
        ? { name: 'instructions per check', value: 0, unit: 'instructions', note: instructions.note }
        : {
            name: 'instructions per check',
            value: instructions.value,
            unit: 'instructions',
            note: instructions.note,
          },
      {
        name: 'proposals in the mix',
        value: proposals.length,
        unit: 'proposals',
        note: `within / escalate / outside = ${mix}; ${Math.round((100 * withExisting) / proposals.length)}% with an existing relationship`,
      },
      {
        name: 'portfolio size',
        value: portfolioRows.length,
        unit: 'relationships',
        note: 'indexed once, not timed',
      },
    ];
  },
};

export default bench;

if (process.argv[1] === SELF && process.argv[2] === '--count-child') {
  const { proposals, check } = setup();
  const n = Number(process.argv[3]);
  let sink = 0;
  for (let i = 0; i < n; i++) sink += check(proposals[i % proposals.length] as Proposal);
  if (sink < 0) process.stdout.write('unreachable\n');
}
