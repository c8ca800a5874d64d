// `npm run reliability`: the reliability campaign. Each row (docs/reliability.md names them) is
// measured by one module here; one line per row: its id, what was tried, its figure, its target,
// pass or FAIL (n/a with its reason for a row that does not apply). Exits 1 when a row falls short.
//   npm run reliability -- --short          a few hundred trials per row (minutes)
//   npm run reliability -- --only S1,A1     chosen rows only
// Rows on PostgreSQL use a throwaway database made for this run on 127.0.0.1:5432 (dropped after).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Campaign, Mode, RowGroup, RowResult } from './campaign.js';

const GROUPS: Array<[string, string[], () => Promise<{ default: RowGroup }>]> = [
  ['slack-requests', ['S1', 'S2', 'S3', 'S4', 'S5'], () => import('./slack-requests.js')],
  ['teams-requests', ['T1', 'T2', 'T3'], () => import('./teams-requests.js')],
  ['decisions', ['A1', 'A2', 'A3', 'A4', 'A5', 'A7', 'A8'], () => import('./decisions.js')],
  ['timers', ['J5'], () => import('./timers.js')],
  ['crashes', ['C1', 'C2', 'C4'], () => import('./crashes.js')],
  ['database-away', ['C3'], () => import('./database-away.js')],
  ['outbound', ['O1', 'O2', 'O3', 'O4', 'O5'], () => import('./outbound.js')],
  ['inputs', ['I1', 'I2', 'I3', 'I4', 'I5', 'I6'], () => import('./inputs.js')],
  ['scheduled-replicas', ['A6', 'J1', 'J2', 'J3', 'J4'], () => import('./scheduled-replicas.js')],
  ['request-floods', ['R1'], () => import('./request-floods.js')],
  // Last: scans what every row before it captured.
  ['secrets', ['R2'], () => import('./secrets.js')],
];

export const ROW_ORDER = GROUPS.flatMap(([, rows]) => rows);

function parseArgs(argv: string[]): { mode: Mode; only: Set<string> | null } {
  let mode: Mode = 'full';
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--short') mode = 'short';
    else if (a === '--only') only = new Set((argv[++i] ?? '').split(',').map((s) => s.trim().toUpperCase()));
    else if (a?.startsWith('--only='))
      only = new Set(
        a
          .slice(7)
          .split(',')
          .map((s) => s.trim().toUpperCase()),
      );
    else throw new Error(`unknown argument ${a}; use --short and --only S1,A1`);
  }
  return { mode, only };
}

const PG_SERVER = process.env.KOERS_RELIABILITY_PG ?? 'postgres://postgres@127.0.0.1:5432';

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function line(r: RowResult): string {
  return [
    r.id.padEnd(3),
    r.verdict.padEnd(4),
    `tried: ${r.tried}`,
    `figure: ${r.figure}`,
    `target: ${r.target}`,
  ].join(' | ');
}

async function main(): Promise<number> {
  const { mode, only } = parseArgs(process.argv.slice(2));
  if (only) {
    const unknown = [...only].filter((id) => !ROW_ORDER.includes(id));
    if (unknown.length > 0)
      throw new Error(`no such row: ${unknown.join(', ')}; rows: ${ROW_ORDER.join(', ')}`);
  }
  let unhandled = 0;
  process.on('unhandledRejection', (err) => {
    unhandled++;
    process.stderr.write(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}\n`);
  });
  process.on('uncaughtException', (err) => {
    unhandled++;
    process.stderr.write(`uncaught exception: ${err.stack ?? String(err)}\n`);
  });
  const database = `koers_rel_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${database}`);
  const pgUrl = `${PG_SERVER}/${database}`;
  // The test support's PostgreSQL stores make their schemas in this run's database.
  process.env.KOERS_TEST_PG_URL = pgUrl;
  const campaign: Campaign = {
    mode,
    n: (short, full) => (mode === 'short' ? short : full),
    wants: (id) => only === null || only.has(id),
    captured: { logs: [], answers: [] },
    pgUrl,
    unhandled: () => unhandled,
    note: (text) => process.stderr.write(`  ${text}\n`),
  };
  const started = Date.now();
  process.stdout.write(`reliability campaign (${mode}) on ${new Date().toISOString()}\n`);
  const results: RowResult[] = [];
  try {
    for (const [name, rows, load] of GROUPS) {
      if (!rows.some((id) => campaign.wants(id))) continue;
      const group = (await load()).default;
      const t0 = Date.now();
      let got: RowResult[];
      try {
        got = await group.run(campaign);
      } catch (err) {
        process.stderr.write(`${name}: ${(err as Error).stack ?? String(err)}\n`);
        got = group.rows.map((id) => ({
          id,
          tried: '-',
          figure: `the row's run failed: ${String((err as Error).message ?? err).slice(0, 200)}`,
          target: '-',
          verdict: 'FAIL' as const,
        }));
      }
      for (const r of got.filter((x) => campaign.wants(x.id))) {
        results.push(r);
        process.stdout.write(`${line(r)}\n`);
      }
      process.stderr.write(`  (${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    await adminQuery(`drop database if exists ${database} with (force)`).catch((err: unknown) =>
      process.stderr.write(`could not drop ${database}: ${String(err)}\n`),
    );
  }
  const failed = results.filter((r) => r.verdict === 'FAIL');
  process.stdout.write(
    `${results.length} rows, ${failed.length} FAIL, ${results.filter((r) => r.verdict === 'n/a').length} n/a, in ${((Date.now() - started) / 1000).toFixed(0)} s${failed.length ? `: ${failed.map((r) => r.id).join(', ')}` : ''}\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Fakes and pools that a failed row left open must not keep the campaign alive.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`reliability: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
    setTimeout(() => process.exit(2), 2000).unref();
  },
);
