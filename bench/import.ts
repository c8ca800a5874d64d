// `koers import`: rows per second importing a generated 100,000-row register into a
// fresh store, on SQLite and on PostgreSQL (127.0.0.1:5432, a fresh schema, dropped after), and
// the peak heap while importing, which must not grow with the file.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFile } from '../src/portfolio/csv-records.js';
import { importRegister } from '../src/portfolio/import-register.js';
import type { Backend } from '../src/store/backend.js';
import { openStore } from '../src/store/open-store.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { freshDatabaseUrl } from '../test/support/test-stores.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const ROWS = 100_000;
const TARGET_ROWS_PER_S = 5_000;
const TARGET_PEAK_HEAP_MB = 256;

function writeRegister(path: string): void {
  const types = ['knowledge-institution', 'government', 'commercial', 'civil-society', 'network'];
  const priorities = ['energy-transition', 'climate-water', 'housing', 'nature', 'mobility', 'health', ''];
  const intensities = ['exchange', 'project', 'programme'];
  writeFileSync(
    path,
    'partner,partner_type,priority,intensity,owner,status,unit,budget,months,start,end,review_due\n',
  );
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      [
        `Partner ${i} B.V.`,
        types[i % types.length],
        priorities[i % priorities.length],
        intensities[i % intensities.length],
        `u-${i % 500}`,
        i % 10 === 0 ? 'ended' : 'active',
        `Unit ${i % 12}`,
        (i % 250) * 1000,
        i % 36,
        '2025-01-01',
        '',
        '',
      ].join(','),
    );
    if (lines.length === 10_000 || i === ROWS - 1) {
      appendFileSync(path, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
}

async function importOnce(backend: Backend, csv: string): Promise<{ rowsPerS: number; peakHeapMb: number }> {
  const { url, drop } = await freshDatabaseUrl(backend);
  const store = await openStore(url);
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  try {
    const started = performance.now();
    const result = await importRegister(store.handle, store.backend, exampleStrategy(), csvFile(csv), {
      now: new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok || result.report.imported !== ROWS)
      throw new Error(`import on ${backend} went wrong: ${JSON.stringify(result).slice(0, 300)}`);
    return { rowsPerS: ROWS / seconds, peakHeapMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
    await store.close();
    await drop();
  }
}

const bench: BenchModule = {
  title: `Register import (${ROWS.toLocaleString('en-GB')} rows)`,
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'koers-bench-import-'));
    try {
      const csv = join(dir, 'register.csv');
      writeRegister(csv);
      const results: BenchResult[] = [];
      for (const backend of ['sqlite', 'postgres'] as const) {
        const r = await importOnce(backend, csv);
        results.push(
          {
            name: `import on ${backend}`,
            value: r.rowsPerS,
            unit: 'rows/s',
            target: { value: TARGET_ROWS_PER_S, kind: 'min' },
            note: 'validate pass + import pass in one transaction',
          },
          {
            name: `peak heap, import on ${backend}`,
            value: r.peakHeapMb,
            unit: 'MB',
            target: { value: TARGET_PEAK_HEAP_MB, kind: 'max' },
            note: 'sampled every 20 ms, modules included; grows with the batch, not the file',
          },
        );
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
