// The weekly digest: computation time and peak memory for 1,000, 10,000 and 100,000
// relationships with a year of cases (1.3 cases a relationship, their stored check results,
// decisions and reviews) and 2,000 more checks inside the digest's week, on SQLite and PostgreSQL. Target: 100,000 in under 1 s, memory flat as
// the register grows (the digest aggregates in SQL and never loads the register).
//
// The data is generated inside the database (a recursive CTE on SQLite, generate_series on
// PostgreSQL), ids rising with time as the workflow writes them. Each measurement runs in a child process of its own, so its peak RSS is the
// digest's, not the generator's: the figure is maxRSS after the digests minus maxRSS after
// opening the store. The weekly figure is the median of 3 runs in a process of its own, after
// the first digest on the database (reported apart: it also indexes the rule codes of the last
// twelve weeks of checks, once). Beside each figure: a plain count(*) over the same tables, the
// least a digest that reads them could cost.
// PostgreSQL: KOERS_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { checkProposal } from '../src/domain/check/check-proposal.js';
import type { Proposal } from '../src/domain/check/proposal.js';
import { EMPTY_PORTFOLIO } from '../src/domain/portfolio/portfolio-view.js';
import type { Strategy } from '../src/domain/strategy/compile-strategy.js';
import { parseStrategy } from '../src/domain/strategy/parse-strategy.js';
import { computeDigest } from '../src/jobs/compute-digest.js';
import { digestSchedule } from '../src/jobs/digest-schedule.js';
import type { Backend } from '../src/store/backend.js';
import { openStore } from '../src/store/open-store.js';
import type { Database } from '../src/store/schema.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const SIZES = [1_000, 10_000, 100_000];
/** Checks made inside the digest's week, beside the year's cases (which spread over the whole year). */
const WEEK_CHECKS = 2_000;
const TARGET_MS_AT_100K = 1_000;
const OCCURRENCE = new Date('2026-11-30T07:00:00.000Z');
const PG_URL = process.env.KOERS_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SELF = fileURLToPath(import.meta.url);

function exampleStrategy(): Strategy {
  const parsed = parseStrategy(
    readFileSync(new URL('../config/strategy.example.yaml', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('the example strategy is invalid');
  return parsed.strategy;
}

/** Stored check results (both languages) of a few kinds of proposal, as the workflow writes them. */
function resultTemplates(strategy: Strategy): string[] {
  const base: Proposal = {
    partner: { name: 'Ingenieursbureau Polder', type: 'knowledge-institution' },
    priority: 'energy-transition',
    intensity: 'project',
    budget: 8_000,
    months: 6,
    direction: 'we_need',
    requester: { id: 'u-anna', role: 'employee' },
  };
  const variants: Proposal[] = [
    base,
    { ...base, budget: 11_500 },
    { ...base, intensity: 'programme', budget: 120_000, months: 30 },
    { ...base, partner: { name: 'Sigaren NV', type: 'tobacco-industry' } },
    { ...base, priority: null, intensity: 'exchange', budget: 2_000 },
  ];
  return variants.map((p) =>
    JSON.stringify({
      nl: checkProposal(strategy, p, EMPTY_PORTFOLIO, { locale: 'nl' }),
      en: checkProposal(strategy, p, EMPTY_PORTFOLIO, { locale: 'en' }),
    }),
  );
}

async function freshDatabase(backend: Backend): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'koers-bench-'));
    return {
      url: `sqlite:${join(dir, 'koers.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `koers_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Rows 1..n as `g(i)`: a recursive CTE on SQLite, generate_series on PostgreSQL. */
function series(backend: Backend, n: number) {
  return backend === 'postgres'
    ? sql`(select i from generate_series(1, ${sql.lit(n)}) as s(i)) as g`
    : sql`(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(n)}) select i from s) as g`;
}

/** An ISO timestamp `days` (an SQL expression) before the occurrence. */
function daysBefore(backend: Backend, days: ReturnType<typeof sql>) {
  return backend === 'postgres'
    ? sql`to_char((timestamp '2026-11-30 07:00:00' - (${days}) * interval '1 day'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', julianday('2026-11-30 07:00:00') - (${days}))`;
}

async function generate(
  db: Kysely<Database>,
  backend: Backend,
  n: number,
  templates: string[],
): Promise<void> {
  const owners = Math.max(10, Math.floor(n / 20));
  const partners = Math.floor(n * 0.6);
  const cases = Math.floor(n * 1.3);
  const day = (expr: ReturnType<typeof sql>) => daysBefore(backend, expr);
  const priority = sql`case i % 7 when 0 then null when 1 then 'energy-transition' when 2 then 'climate-water' when 3 then 'housing' when 4 then 'mobility' when 5 then 'nature' else 'health' end`;
  const intensity = sql`case i % 4 when 0 then 'exchange' when 1 then 'project' when 2 then 'programme' else 'alliance' end`;
  await db.transaction().execute(async (trx) => {
    await sql`insert into people (id, name, role, unit, updated_at)
      select 'u-' || i, 'Person ' || i, case when i % 10 = 0 then 'team-lead' else 'employee' end, 'Unit ' || (i % 40), '2026-01-01T00:00:00.000Z'
      from ${series(backend, owners)}`.execute(trx);
    await sql`insert into relationships (partner, partner_key, partner_type, priority, intensity, budget, months, owner_id, unit, status,
        start_date, end_date, review_due, case_id, direction, confidential, source, created_at, updated_at)
      select 'Partner ' || (i % ${sql.lit(partners)}), 'partner ' || (i % ${sql.lit(partners)}), 'government', ${priority}, ${intensity},
        (i % 50) * 1000, 12, 'u-' || (i % ${sql.lit(owners)}), 'Unit ' || (i % 40),
        case when i % 10 = 0 then 'ended' else 'active' end, '2026-01-01',
        case when i % 10 = 0 then substr(${day(sql`(${sql.lit(n)} - i) * 365.0 / ${sql.lit(n)}`)}, 1, 10) else null end,
        case when i % 9 = 0 then '2026-06-01' else '2027-06-01' end, null, 'shared',
        case when i % 50 = 0 then 1 else 0 end, case when i % 3 = 0 then 'import' else 'check' end,
        ${day(sql`(${sql.lit(n)} - i) * 365.0 / ${sql.lit(n)} + 0.25`)}, ${day(sql`(${sql.lit(n)} - i) * 365.0 / ${sql.lit(n)} + 0.25`)}
      from ${series(backend, n)}`.execute(trx);
    const [within, nearBudget, over, excluded, exploring] = templates.map((t) => sql`${t}`);
    const insertCases = async (count: number, created: ReturnType<typeof sql>) => {
      await sql`insert into cases (requester_id, requester_role, kind, verdict, state, proposal, result, strategy_sha, steps, route_length,
          step, assignee_id, assigned_at, version, partner, partner_key, partner_type, priority, intensity, budget, months, confidential,
          platform, created_at, updated_at, closed_at)
        select 'u-' || (i % ${sql.lit(owners)}), 'employee', 'check',
          case i % 5 when 0 then 'within_mandate' when 1 then 'escalate' when 2 then 'escalate' when 3 then 'outside_strategy' else 'within_mandate' end,
          case i % 5 when 1 then (case when i % 97 = 0 then 'open' else 'approved' end) when 2 then 'rejected' when 3 then 'advised_against' else 'registered' end,
          '{}',
          case i % 5 when 0 then ${within} when 1 then ${nearBudget} when 2 then ${over} when 3 then ${excluded} else ${exploring} end,
          'bench', '["team-lead","manager","director","executive"]', 1, 0,
          case when i % 5 = 1 and i % 97 = 0 then 'u-' || (i % 10 * 10) else null end,
          ${created}, 2, 'Partner ' || (i % ${sql.lit(partners)}), 'partner ' || (i % ${sql.lit(partners)}), 'government',
          ${priority}, ${intensity}, case i % 5 when 1 then 11500 when 2 then 120000 else 8000 end, 6,
          case when i % 50 = 0 then 1 else 0 end, 'slack', ${created},
          ${created}, null
        from ${series(backend, count)}`.execute(trx);
    };
    // A year of cases, and WEEK_CHECKS more checks inside the digest's week.
    await insertCases(cases, day(sql`(${sql.lit(cases)} - i) * 365.0 / ${sql.lit(cases)} + 0.1`));
    await insertCases(
      WEEK_CHECKS,
      day(sql`(${sql.lit(WEEK_CHECKS)} + 1 - i) * 6.9 / ${sql.lit(WEEK_CHECKS)}`),
    );
    await sql`insert into decisions (case_id, version, step, step_role, decider_id, on_behalf_of, action, reason, platform, at)
      select id, 1, 0, 'team-lead', 'u-10', null, case when state = 'approved' then 'approve' else 'reject' end, null, 'slack', updated_at
      from cases where state in ('approved', 'rejected')`.execute(trx);
    await sql`insert into reviews (relationship_id, reviewer_id, outcome, delivered, rating, due_date, platform, at)
      select id, owner_id, case id % 3 when 0 then 'continue' when 1 then 'adjust' else 'end' end, 'Resultaten', 1 + id % 5, null, 'slack', created_at
      from relationships where id % 2 = 0`.execute(trx);
  });
  // A live PostgreSQL database is vacuumed by autovacuum (index-only scans need the visibility map).
  await (backend === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
}

interface ChildResult {
  /** Cold: the one digest; warm: the median of three. */
  ms: number;
  /** A plain count(*) over the tables the digest reads, median of three (warm only). */
  countMs: number;
  /** Cases created inside the digest's week. */
  weekCases: number;
  rssDeltaMb: number;
  heapDeltaMb: number;
}

/**
 * In a child process: open the store, then compute the digest once (`cold`: the first digest on
 * this database, which also indexes the window's rule codes) or three times (`warm`: a weekly
 * digest after that). Peak memory is maxRSS after minus maxRSS after opening the store.
 */
async function child(url: string, mode: 'cold' | 'warm'): Promise<ChildResult> {
  const strategy = exampleStrategy();
  const store = await openStore(url, { poolSize: 10 });
  const period = digestSchedule(strategy.file.digest.cron, strategy.file.digest.timezone).periodOf(
    OCCURRENCE,
  );
  const input = { db: store.handle, backend: store.backend, strategy, period, asOf: OCCURRENCE };
  await sql`select 1`.execute(store.db);
  const rssBefore = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let heapPeak = heapBefore;
  for (let i = 0; i < (mode === 'cold' ? 1 : 3); i++) {
    const t = performance.now();
    await computeDigest(input);
    times.push(performance.now() - t);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const rssAfter = process.resourceUsage().maxRSS;
  const counts: number[] = [];
  for (let i = 0; i < (mode === 'cold' ? 0 : 3); i++) {
    const t = performance.now();
    await sql`select (select count(*) from relationships) as r, (select count(*) from cases) as c,
      (select count(*) from decisions) as d, (select count(*) from reviews) as v`.execute(store.db);
    counts.push(performance.now() - t);
  }
  const week = await sql<{ n: number | string }>`select count(*) as n from cases
    where created_at >= ${period.start} and created_at < ${period.end}`.execute(store.db);
  await store.close();
  times.sort((a, b) => a - b);
  counts.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)] as number,
    countMs: counts[Math.floor(counts.length / 2)] ?? 0,
    weekCases: Number(week.rows[0]?.n ?? 0),
    rssDeltaMb: (rssAfter - rssBefore) / 1024,
    heapDeltaMb: (heapPeak - heapBefore) / 1_048_576,
  };
}

function runChild(url: string, mode: 'cold' | 'warm'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', url, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => {
      out += String(d);
    });
    p.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ChildResult)
        : reject(new Error(`digest bench child exited ${code}`)),
    );
  });
}

async function run(): Promise<BenchResult[]> {
  const strategy = exampleStrategy();
  const templates = resultTemplates(strategy);
  const results: BenchResult[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    for (const n of SIZES) {
      const fresh = await freshDatabase(backend);
      try {
        const store = await openStore(fresh.url);
        const t = performance.now();
        await generate(store.db, backend, n, templates);
        const genS = (performance.now() - t) / 1000;
        await store.close();
        const cold = await runChild(fresh.url, 'cold');
        const warm = await runChild(fresh.url, 'warm');
        const size = n.toLocaleString('en-GB');
        results.push({
          name: `digest ${backend} ${size} relationships`,
          value: warm.ms,
          unit: 'ms',
          ...(n === 100_000 ? { target: { value: TARGET_MS_AT_100K, kind: 'max' as const } } : {}),
          note: `weekly run, median of 3; ${Math.floor(n * 1.3 + WEEK_CHECKS).toLocaleString('en-GB')} cases in the year, ${warm.weekCases.toLocaleString('en-GB')} of them in the digest's week; data made in ${genS.toFixed(1)} s`,
        });
        results.push({
          name: `reference: count(*) ${backend} ${size}`,
          value: warm.countMs,
          unit: 'ms',
          note: `select count(*) over relationships, cases, decisions and reviews, median of 3; the digest takes ${(warm.ms / Math.max(warm.countMs, 0.001)).toFixed(1)}× that`,
        });
        results.push({
          name: `digest ${backend} ${size} peak RSS growth`,
          value: warm.rssDeltaMb,
          unit: 'MB',
          note: `weekly run; heap growth ${warm.heapDeltaMb.toFixed(1)} MB`,
        });
        results.push({
          name: `digest ${backend} ${size} first run`,
          value: cold.ms,
          unit: 'ms',
          note: `once per database: also indexes 12 weeks of rule codes; RSS growth ${cold.rssDeltaMb.toFixed(1)} MB`,
        });
      } finally {
        await fresh.drop();
      }
    }
  }
  return results;
}

const bench: BenchModule = { title: 'Weekly digest: SQL aggregation over a growing register', run };
export default bench;

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  child(process.argv[3] as string, process.argv[4] === 'cold' ? 'cold' : 'warm').then(
    (r) => process.stdout.write(JSON.stringify(r)),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
} else if (process.argv[1] === SELF) {
  run().then(
    (rs) => {
      for (const r of rs)
        process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit}  (${r.note ?? ''})\n`);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
