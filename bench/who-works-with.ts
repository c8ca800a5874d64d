// "Who works with X?" over a 100,000-relationship register on SQLite and PostgreSQL: the p99 of a
// lookup (exact and near matches, as chat asks it) over a mix of names typed right, with a typo
// (Deltaris for Deltares), short names (TU), acronyms (WUR) and longer forms, and whether the word
// index finds the same near matches as today's scorer run over every key of the register (a full
// scan with nearMatchScore, sorted as whoWorksWith sorts). The register is the example portfolio
// plus generated partners named from a made-up vocabulary (two words each, some with a legal
// form), so that words are shared the way real names share them, not by all rows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { BUNDLED_PORTFOLIO } from '../src/config.js';
import { syncPeopleFromStrategy } from '../src/directory/sync-strategy-people.js';
import { NEAR_MATCH_THRESHOLD, nearMatchScore } from '../src/domain/portfolio/near-match.js';
import { capLookup, partnerKey, partnerKeysOf } from '../src/domain/portfolio/partner-key.js';
import { csvFile } from '../src/portfolio/csv-records.js';
import { importRegister } from '../src/portfolio/import-register.js';
import { whoWorksWith } from '../src/portfolio/who-works-with.js';
import type { Backend } from '../src/store/backend.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { makeTestStore } from '../test/support/test-stores.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const ROWS = Number(process.env.KOERS_BENCH_WHO_ROWS ?? 100_000);
const ROUNDS = 10;
const TARGET_P99_MS = 5;
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  're',
  'sun',
  'tor',
  'vel',
  'dan',
  'ber',
  'os',
  'wi',
  'nek',
  'pa',
  'dri',
  'ge',
  'hol',
];
const FORMS = ['', '', '', ' B.V.', ' N.V.', ' Stichting', ' Groep'];

/** A deterministic made-up word for n (four syllables: 65,536 words). */
function word(n: number): string {
  let w = '';
  let i = n;
  for (let k = 0; k < 4; k++) {
    w += SYLLABLES[i % SYLLABLES.length];
    i = Math.floor(i / SYLLABLES.length);
  }
  return `${w[0]?.toUpperCase()}${w.slice(1)}`;
}

const generatedName = (i: number) =>
  `${word((i * 40_503) % 65_536)} ${word((i * 9_973 + 12_345 + Math.floor(i / 65_536) * 31_337) % 65_536)}${FORMS[i % FORMS.length]}`;

/** One letter changed in the middle of the first word: a typo of a generated name. */
function typo(name: string): string {
  const at = 3;
  return `${name.slice(0, at)}${name[at] === 'x' ? 'y' : 'x'}${name.slice(at + 1)}`;
}

export function writeRegister(path: string): void {
  const example = readFileSync(BUNDLED_PORTFOLIO, 'utf8').trimEnd().split('\n');
  const lines = [...example];
  for (let i = 0; i < ROWS - (example.length - 1); i++)
    lines.push(
      [
        generatedName(i),
        'commercial',
        'energy-transition',
        'project',
        `u-carla`,
        i % 10 === 0 ? 'ended' : 'active',
        `Unit ${i % 12}`,
        (i % 250) * 1000,
        '2025-01-01',
        '',
        '',
      ].join(','),
    );
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The lookups: the example's typo, short-name and acronym cases, and generated names typed right and wrong. */
function lookups(): string[] {
  const fixed = [
    'Deltaris',
    'Deltares',
    'TU',
    'TU Delft',
    'Technische Universiteit Delft',
    'WUR',
    'Rijnland',
    'TNO',
    'Gemeente Utrecht',
  ];
  const generated: string[] = [];
  for (let i = 0; i < 30; i++) {
    const name = generatedName(i * 3001);
    generated.push(i % 2 === 0 ? name : typo(name));
  }
  return [...fixed, ...generated];
}

/** The cases the index must find: a typo, a short name and an acronym of the example portfolio. */
const MUST_FIND: Array<[string, string]> = [
  ['Deltaris', 'Deltares'],
  ['TU', 'TU Delft'],
  ['WUR', 'Wageningen University & Research'],
];

interface KeyRow {
  partner_key: string;
  partner: string;
  id: number;
  status: string;
}

/** Today's scorer over every key: the near matches whoWorksWith would give with no index. */
function fullScan(rows: KeyRow[], name: string, limit: number): string[] {
  const asked = capLookup(name).name;
  const key = partnerKey(asked);
  const exact = new Set(partnerKeysOf(asked));
  const rank = (s: string) => (s === 'active' ? 0 : s === 'planned' ? 1 : 2);
  return rows
    .filter((r) => !exact.has(r.partner_key))
    .map((r) => ({ ...r, score: nearMatchScore(key, r.partner_key) }))
    .filter((r) => r.score >= NEAR_MATCH_THRESHOLD)
    .sort(
      (a, b) =>
        b.score - a.score ||
        rank(a.status) - rank(b.status) ||
        a.partner.localeCompare(b.partner) ||
        a.id - b.id,
    )
    .slice(0, limit)
    .map((r) => `${r.id}`);
}

async function measure(backend: Backend, csv: string): Promise<BenchResult[]> {
  const ts = await makeTestStore(backend);
  try {
    const strategy = exampleStrategy();
    await syncPeopleFromStrategy(ts.store.handle, strategy, new Date());
    const imported = await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(csv), {
      now: new Date(),
    });
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported).slice(0, 300)}`);
    // A live PostgreSQL database is vacuumed and analysed by autovacuum after a load like this one
    // (index-only scans need the visibility map).
    if (backend === 'postgres') await sql`vacuum analyze`.execute(ts.store.db);
    const names = lookups();
    for (const n of names) await whoWorksWith(ts.store.handle, n); // warm
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++)
      for (const n of names) {
        const t = performance.now();
        await whoWorksWith(ts.store.handle, n);
        times.push(performance.now() - t);
      }
    times.sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0;
    const median = times[Math.floor(times.length / 2)] ?? 0;

    const rows = (await ts.store.db
      .selectFrom('relationships')
      .select(['partner_key', 'partner', 'id', 'status'])
      .where('confidential', '=', 0)
      .execute()) as KeyRow[];
    let same = 0;
    const differ: string[] = [];
    for (const n of names) {
      const found = (await whoWorksWith(ts.store.handle, n)).near.map((r) => `${r.id}`);
      const scanned = fullScan(rows, n, 20);
      if (JSON.stringify(found) === JSON.stringify(scanned)) same++;
      else differ.push(n);
    }
    let cases = 0;
    for (const [asked, expected] of MUST_FIND)
      if ((await whoWorksWith(ts.store.handle, asked)).near.some((r) => r.partner === expected)) cases++;
    return [
      {
        name: `who works with p99 (${backend})`,
        value: p99,
        unit: 'ms',
        target: { value: TARGET_P99_MS, kind: 'max' },
        note: `${times.length} lookups of ${names.length} names, ${rows.length.toLocaleString('en-GB')} relationships; median ${median.toFixed(2)} ms`,
      },
      {
        name: `same near matches as a full scan (${backend})`,
        value: same,
        unit: 'lookups',
        target: { value: names.length, kind: 'min' },
        note: `baseline: today's scorer over every key, top 20${differ.length ? `; differ: ${differ.slice(0, 4).join(', ')}` : ''}`,
      },
      {
        name: `typo, short name, acronym found (${backend})`,
        value: cases,
        unit: 'cases',
        target: { value: MUST_FIND.length, kind: 'min' },
        note: MUST_FIND.map(([a, b]) => `${a} → ${b}`).join('; '),
      },
    ];
  } finally {
    await ts.drop();
  }
}

const bench: BenchModule = {
  title: `Who works with: lookups over ${ROWS.toLocaleString('en-GB')} relationships`,
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'koers-bench-who-'));
    try {
      const csv = join(dir, 'register.csv');
      writeRegister(csv);
      return [...(await measure('sqlite', csv)), ...(await measure('postgres', csv))];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
