// `koers export` on every backend: the whole register in id order, CSV safe to open in a
// spreadsheet, and an export that imports as the register it came from.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_PORTFOLIO } from '../../src/config.js';
import { csvFile, csvText } from '../../src/portfolio/csv-records.js';
import { EXPORT_COLUMNS, type ExportFormat, exportRegister } from '../../src/portfolio/export-register.js';
import { importRegister } from '../../src/portfolio/import-register.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const strategy = exampleStrategy();
const NOW = new Date('2026-11-23T09:00:00.000Z');
const HOSTILE = [
  'partner,partner_type,priority,intensity,owner,status,unit',
  '"=HYPERLINK(""http://evil.example"",""click"")",commercial,,exchange,u-anna,active,"@SUM(A1)"',
  '"+31 Partners, Inc",commercial,housing,project,u-gijs,planned,-Unit',
].join('\n');

describe.each(BACKENDS)('export on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  const exported = async (t: TestStore, format: ExportFormat, pageSize?: number) => {
    let text = '';
    const count = await exportRegister(
      t.store.handle,
      format,
      (chunk) => {
        text += chunk;
      },
      { pageSize },
    );
    return { text, count };
  };
  const load = async (t: TestStore, text: string) => {
    const r = await importRegister(t.store.handle, t.store.backend, strategy, csvText(text), { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.report;
  };

  it('writes the header alone for an empty register, and an empty JSON array', async () => {
    expect(await exported(ts, 'csv')).toEqual({ text: `${EXPORT_COLUMNS.join(',')}\n`, count: 0 });
    expect(JSON.parse((await exported(ts, 'json')).text)).toEqual([]);
  });

  it('writes every relationship in id order, across pages', async () => {
    await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
      now: NOW,
    });
    const { text, count } = await exported(ts, 'csv', 7);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,partner,partner_type,priority,intensity,owner,status,unit,budget,months,start,end,review_due,case_id,source',
    );
    expect(lines[1]).toBe(
      '1,TU Delft,knowledge-institution,energy-transition,programme,u-carla,active,Energie en Klimaat,180000,0,2024-03-01,,2026-03-01,,import',
    );
    expect(count).toBe(lines.length - 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
  });

  it('writes JSON as one array of objects with the same fields', async () => {
    await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
      now: NOW,
    });
    const { text, count } = await exported(ts, 'json', 10);
    const rows = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(count);
    expect(Object.keys(rows[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(rows.find((r) => r.partner === 'Waag Futurelab')).toMatchObject({
      priority: null,
      budget: 3000,
      source: 'import',
      case_id: null,
    });
  });

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    await load(ts, HOSTILE);
    const { text } = await exported(ts, 'csv');
    const [, first, second] = text.split('\n');
    expect(first).toBe(
      `1,"'=HYPERLINK(""http://evil.example"",""click"")",commercial,,exchange,u-anna,active,'@SUM(A1),0,0,,,,,import`,
    );
    expect(second).toBe(
      `2,"'+31 Partners, Inc",commercial,housing,project,u-gijs,planned,'-Unit,0,0,,,,,import`,
    );
  });

  it('round-trips through import: exporting the imported export gives the same file', async () => {
    await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
      now: NOW,
    });
    await load(ts, HOSTILE);
    const first = (await exported(ts, 'csv')).text;
    const other = await makeTestStore(backend);
    try {
      const report = await load(other, first);
      expect(report).toMatchObject({ bad: 0, duplicates: 0 });
      expect((await exported(other, 'csv')).text).toBe(first);
      const hostile = await other.store.db
        .selectFrom('relationships')
        .select('partner')
        .where('id', '=', report.imported - 1)
        .executeTakeFirstOrThrow();
      expect(hostile.partner).toBe('=HYPERLINK("http://evil.example","click")');
    } finally {
      await other.drop();
    }
  });
});
