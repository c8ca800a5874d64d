// `koers import` on every backend: the example register, re-import, bad rows, --skip-bad,
// --dry-run, duplicates, a failure part-way, and 100,000 rows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_PORTFOLIO } from '../../src/config.js';
import { csvFile, csvText } from '../../src/portfolio/csv-records.js';
import {
  type ImportOptions,
  type ImportResult,
  importRegister,
} from '../../src/portfolio/import-register.js';
import { verifyAudit } from '../../src/store/audit-log.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const strategy = exampleStrategy();
const NOW = new Date('2026-11-23T09:00:00.000Z');
const HEADER = 'partner,partner_type,priority,intensity,owner,status,unit,budget,start,end,review_due';
const EXAMPLE_ROWS = readFileSync(BUNDLED_PORTFOLIO, 'utf8').trim().split('\n').length - 1;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'koers-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BACKENDS)('import on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  const run = (text: string, options: Partial<ImportOptions> = {}): Promise<ImportResult> =>
    importRegister(ts.store.handle, ts.store.backend, strategy, csvText(text), { now: NOW, ...options });
  const runExample = (options: Partial<ImportOptions> = {}) =>
    importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
      now: NOW,
      ...options,
    });
  const count = async () =>
    Number(
      (
        await ts.store.db
          .selectFrom('relationships')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the example portfolio, every row with its fields', async () => {
    const result = await runExample();
    expect(result).toEqual({
      ok: true,
      report: {
        rows: EXAMPLE_ROWS,
        imported: EXAMPLE_ROWS,
        duplicates: 0,
        duplicateLines: [],
        bad: 0,
        badLines: [],
        dryRun: false,
      },
    });
    expect(await count()).toBe(EXAMPLE_ROWS);
    const tu = await ts.store.db
      .selectFrom('relationships')
      .selectAll()
      .where('partner', '=', 'TU Delft')
      .executeTakeFirstOrThrow();
    expect({ ...tu, id: Number(tu.id), budget: Number(tu.budget), months: Number(tu.months) }).toEqual({
      id: 1,
      partner: 'TU Delft',
      partner_key: 'tu delft',
      partner_type: 'knowledge-institution',
      priority: 'energy-transition',
      intensity: 'programme',
      budget: 180000,
      months: 0,
      owner_id: 'u-carla',
      unit: 'Energie en Klimaat',
      status: 'active',
      start_date: '2024-03-01',
      end_date: null,
      review_due: '2026-03-01',
      case_id: null,
      direction: null,
      confidential: 0,
      source: 'import',
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
    });
    const stedin = await ts.store.db
      .selectFrom('relationships')
      .select(['partner_key'])
      .where('partner', '=', 'Stedin Netbeheer B.V.')
      .executeTakeFirstOrThrow();
    expect(stedin.partner_key).toBe('stedin netbeheer');
    const waag = await ts.store.db
      .selectFrom('relationships')
      .select(['priority'])
      .where('partner', '=', 'Waag Futurelab')
      .executeTakeFirstOrThrow();
    expect(waag.priority).toBeNull();
  });

  it('records the import in the audit log, and the chain stays intact', async () => {
    await runExample();
    const audit = await ts.store.db.selectFrom('audit_log').select(['action', 'platform', 'data']).execute();
    expect(audit.map((a) => [a.action, a.platform, JSON.parse(a.data)])).toEqual([
      ['register.import', 'cli', { rows: EXAMPLE_ROWS, imported: EXAMPLE_ROWS, duplicates: 0, bad: 0 }],
    ]);
    expect(await verifyAudit(ts.store.handle)).toEqual({ ok: true, rows: 1 });
  });

  it('changes nothing when the same file is imported twice', async () => {
    await runExample();
    const before = await ts.store.db.selectFrom('relationships').selectAll().orderBy('id').execute();
    const auditBefore = await ts.store.db.selectFrom('audit_log').select('seq').execute();
    const again = await runExample();
    expect(again.ok && again.report).toMatchObject({ imported: 0, duplicates: EXAMPLE_ROWS, bad: 0 });
    expect(await ts.store.db.selectFrom('relationships').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await ts.store.db.selectFrom('audit_log').select('seq').execute()).toEqual(auditBefore);
  });

  it('imports nothing from a file with bad rows, and names each bad line', async () => {
    const text = [
      HEADER,
      'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active,,,,,',
      'Eneco,commercial,energie,project,u-bram,active,,,,,',
      'RIVM,government,health,exchange,u-fatima,active,,-5,,,',
      '',
      'TNO,knowledge-institution,climate-water,project,u-ilse,active,,,2025-02-30,,',
      '"Two',
      'lines",bank,health,exchange,u-anna,active,,,,,',
      'Short row,government',
      'Deltares,knowledge-institution,climate-water,programme,u-bram,paused,,,,,',
    ].join('\n');
    const result = await run(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('bad_rows');
    expect(!result.ok && result.reason === 'bad_rows' && result.report.badLines).toEqual([
      { line: 3, problems: ['unknown priority "energie"'] },
      { line: 4, problems: ['budget must be a number of at least 0 (digits, a dot for decimals), not "-5"'] },
      { line: 6, problems: ['start must be a date as YYYY-MM-DD, not "2025-02-30"'] },
      {
        line: 7,
        problems: [
          'the partner name contains control or invisible characters',
          'unknown partner type "bank"',
        ],
      },
      { line: 9, problems: ['2 column(s), the header has 11'] },
      { line: 10, problems: ['status must be active, ended or planned, not "paused"'] },
    ]);
    expect(!result.ok && result.reason === 'bad_rows' && result.report.bad).toBe(6);
    expect(await count()).toBe(0);
    expect(await ts.store.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('keeps the first bad lines for the report and counts them all', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `P${i},nope,,exchange,u-anna,active,,,,,`);
    const result = await run([HEADER, ...rows].join('\n'), { listLimit: 100 });
    expect(
      !result.ok && result.reason === 'bad_rows' && [result.report.bad, result.report.badLines.length],
    ).toEqual([250, 100]);
  });

  it('imports the good rows with --skip-bad', async () => {
    const text = [
      HEADER,
      'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active,,,,,',
      'Eneco,commercial,energie,project,u-bram,active,,,,,',
      'RIVM,government,health,exchange,u-fatima,active,,,,,',
    ].join('\n');
    const result = await run(text, { skipBad: true });
    expect(result.ok && result.report).toMatchObject({
      rows: 3,
      imported: 2,
      bad: 1,
      badLines: [{ line: 3, problems: ['unknown priority "energie"'] }],
    });
    expect(
      (await ts.store.db.selectFrom('relationships').select('partner').orderBy('id').execute()).map(
        (r) => r.partner,
      ),
    ).toEqual(['TU Delft', 'RIVM']);
  });

  it('writes nothing on a dry run, and reports what a real run would do', async () => {
    await run(
      [HEADER, 'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active,,,,,'].join('\n'),
    );
    const dry = await runExample({ dryRun: true });
    expect(dry.ok && dry.report).toMatchObject({
      dryRun: true,
      imported: EXAMPLE_ROWS - 1,
      duplicates: 1,
      duplicateLines: [2],
    });
    expect(await count()).toBe(1);
    expect(await ts.store.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(1);
    const real = await runExample();
    expect(real.ok && real.report).toMatchObject({
      dryRun: false,
      imported: EXAMPLE_ROWS - 1,
      duplicates: 1,
    });
  });

  it('skips duplicates (same partner key and owner) in the file and in the register, and reports their lines', async () => {
    await run(
      [HEADER, 'Deltares,knowledge-institution,climate-water,programme,u-bram,active,,,,,'].join('\n'),
    );
    const text = [
      HEADER,
      'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active,,,,,',
      'tu  DELFT,knowledge-institution,energy-transition,project,u-carla,ended,,,,,',
      'TU Delft,knowledge-institution,energy-transition,project,u-anna,active,,,,,',
      'Stichting Deltares,knowledge-institution,climate-water,project,u-bram,active,,,,,',
      'Deltares,knowledge-institution,climate-water,project,u-joost,active,,,,,',
    ].join('\n');
    const result = await run(text, { batchSize: 2 });
    expect(result.ok && result.report).toMatchObject({
      rows: 5,
      imported: 3,
      duplicates: 2,
      duplicateLines: [3, 5],
    });
    expect(await count()).toBe(4);
  });

  it('refuses a file without the contract columns, or with broken CSV, as a whole', async () => {
    expect(await run('partner,owner\nTU Delft,u-carla\n')).toEqual({
      ok: false,
      reason: 'bad_file',
      problems: ['line 1: missing column(s) partner_type, priority, intensity, status'],
    });
    expect(await run('')).toEqual({
      ok: false,
      reason: 'bad_file',
      problems: ['the file is empty: a header row is required'],
    });
    const broken = await run(
      `${HEADER}\n"TU Delft"x,knowledge-institution,energy-transition,programme,u-carla,active,,,,,\n`,
      { skipBad: true },
    );
    expect(broken.ok === false && broken.reason === 'bad_file' && broken.problems[0]).toMatch(
      /^line 2: not valid CSV/,
    );
    expect(await count()).toBe(0);
  });

  it('leaves nothing half-imported when the store fails part-way', async () => {
    if (backend === 'sqlite') {
      await sql`create trigger fail_on_boom before insert on relationships when new.partner = 'Boom' begin select raise(abort, 'boom'); end`.execute(
        ts.store.db,
      );
    } else {
      await sql`create function fail_on_boom() returns trigger language plpgsql as $$ begin if new.partner = 'Boom' then raise exception 'boom'; end if; return new; end $$`.execute(
        ts.store.db,
      );
      await sql`create trigger fail_on_boom before insert on relationships for each row execute function fail_on_boom()`.execute(
        ts.store.db,
      );
    }
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `${i === 2200 ? 'Boom' : `Partner ${i}`},government,health,exchange,u-anna,active,,,,,`,
    );
    await expect(run([HEADER, ...rows].join('\n'))).rejects.toThrow(/boom/);
    expect(await count()).toBe(0);
    expect(await verifyAudit(ts.store.handle)).toEqual({ ok: true, rows: 0 });
  });

  it('imports a generated 100,000-row register', { timeout: 180_000 }, async () => {
    const file = join(dir, `big-${backend}.csv`);
    const types = ['knowledge-institution', 'government', 'commercial', 'civil-society', 'network'];
    const priorities = ['energy-transition', 'climate-water', 'housing', 'nature', 'mobility', 'health', ''];
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `Partner ${i},${types[i % types.length]},${priorities[i % priorities.length]},project,u-${i % 50},active,Unit ${i % 7},${i % 1000},2025-01-01,,`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(file), {
      now: NOW,
    });
    expect(result.ok && result.report).toMatchObject({
      rows: 100_000,
      imported: 100_000,
      duplicates: 0,
      bad: 0,
    });
    expect(await count()).toBe(100_000);
    const last = await ts.store.db
      .selectFrom('relationships')
      .select(['partner', 'owner_id', 'review_due'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ partner: 'Partner 99999', owner_id: 'u-49', review_due: '2026-01-01' });
  });
});
