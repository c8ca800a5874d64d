// `npm run bench`: runs each benchmark module in turn and prints its figures as a table.
// `npm run bench -- check` runs only the modules whose file name contains "check".
// Exits 1 when a figure misses its target. To add a benchmark, write a module whose default
// export is a BenchModule (see bench-result.ts) and list it in MODULES.
import { spawnSync } from 'node:child_process';
import { type BenchModule, type BenchResult, meets } from './bench-result.js';
import { KOERS_FROM } from './koers-code.js';

const MODULES: Record<string, () => Promise<{ default: BenchModule }>> = {
  'check-engine': () => import('./check-engine.js'),
  digest: () => import('./digest.js'),
  import: () => import('./import.js'),
  workflow: () => import('./workflow.js'),
  startup: () => import('./startup.js'),
  slack: () => import('./slack.js'),
  teams: () => import('./teams.js'),
  'card-templates': () => import('./card-templates.js'),
  understanding: () => import('./understanding.js'),
  'who-works-with': () => import('./who-works-with.js'),
  'strategy-reload': () => import('./strategy-reload.js'),
};

const format = (n: number) =>
  n >= 100
    ? Math.round(n).toLocaleString('en-GB')
    : n.toLocaleString('en-GB', { maximumSignificantDigits: 3 });

function table(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const ok = meets(r);
    const target = r.target ? `${r.target.kind === 'min' ? '>=' : '<='} ${format(r.target.value)}` : '';
    return [
      r.name,
      format(r.value),
      r.unit,
      target,
      ok === undefined ? '' : ok ? 'pass' : 'FAIL',
      r.note ?? '',
    ];
  });
  const head = ['figure', 'value', 'unit', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const chosen = Object.entries(MODULES).filter(
    ([name]) => filters.length === 0 || filters.some((f) => name.includes(f)),
  );
  if (chosen.length === 0) {
    process.stderr.write(
      `no benchmark matches ${filters.join(', ')}; there are: ${Object.keys(MODULES).join(', ')}\n`,
    );
    return 2;
  }
  // The benches measure the compiled Koers (dist/): build it from the sources now.
  if (KOERS_FROM === 'dist' && process.env.KOERS_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('bench: npm run build failed; the benches measure dist/\n');
      return 2;
    }
  }
  process.stdout.write(
    `Koers measured from ${KOERS_FROM}/ (KOERS_BENCH_FROM=src measures the sources through tsx)\n`,
  );
  let failed = 0;
  for (const [name, load] of chosen) {
    const bench = (await load()).default;
    process.stdout.write(`\n## ${bench.title} (bench/${name}.ts)\n\n`);
    const results = await bench.run();
    process.stdout.write(`${table(results)}\n`);
    failed += results.filter((r) => meets(r) === false).length;
  }
  if (failed > 0) process.stdout.write(`\n${failed} figure(s) missed their target\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
