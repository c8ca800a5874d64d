// A register whose one cell is 64 MB: the import refuses it as soon as the record passes 1 MB,
// while streaming, so the process's memory does not grow with the cell (it grew by about half a
// gigabyte before the clean refusal came). Measured as the growth of this process's peak resident
// memory, in a test file of its own (a fresh process).
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile } from '../../src/portfolio/csv-records.js';
import { importRegister } from '../../src/portfolio/import-register.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { makeTestStore, type TestStore } from '../support/test-stores.js';

const HEADER = 'partner,partner_type,priority,intensity,owner,status';
const CELL_MB = 64;

describe('a CSV record far over the limit', () => {
  let ts: TestStore;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    ts = await makeTestStore('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'koers-huge-'));
    file = join(dir, 'huge.csv');
    writeFileSync(
      file,
      `${HEADER}\nTU Delft,knowledge-institution,energy-transition,project,u-carla,active\n"`,
    );
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < CELL_MB; i++) appendFileSync(file, chunk);
    appendFileSync(file, '",commercial,,exchange,u-anna,active\n');
  });
  afterAll(async () => {
    await ts.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with its line while streaming, and peak memory grows far less than the cell', async () => {
    const peakBeforeKb = process.resourceUsage().maxRSS;
    const result = await importRegister(ts.store.handle, ts.store.backend, exampleStrategy(), csvFile(file), {
      now: new Date('2026-11-23T09:00:00.000Z'),
    });
    const growthMb = (process.resourceUsage().maxRSS - peakBeforeKb) / 1024;
    console.log(`peak resident memory grew by ${growthMb.toFixed(0)} MB reading a ${CELL_MB} MB cell`);
    expect(growthMb).toBeLessThan(CELL_MB);
    expect(result).toMatchObject({
      ok: false,
      reason: 'bad_file',
      problems: ['line 3: a record over 1 MB; the file was not read further'],
    });
  });
});
