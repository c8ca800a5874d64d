// `koers import`, `import-people`, `export`, `migrate` and `audit verify` through the real, built
// command (dist/ is built by test/global-setup.ts), each on its own SQLite file.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXAMPLE_PORTFOLIO, EXAMPLE_STRATEGY, workspace } from './run-koers.js';

const EXAMPLE_ROWS = readFileSync(EXAMPLE_PORTFOLIO, 'utf8').trim().split('\n').length - 1;
const HEADER = 'partner,partner_type,priority,intensity,owner,status';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('koers import', () => {
  it('imports the example register and prints a summary', async () => {
    const { run } = workspace();
    const r = await run(['import', EXAMPLE_PORTFOLIO]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      `imported: ${EXAMPLE_ROWS}`,
      'skipped as duplicate: 0',
      'skipped as bad: 0',
      expect.stringMatching(new RegExp(`^${EXAMPLE_ROWS} rows in \\d+\\.\\d\\d s \\(\\d+ rows/s\\)$`)),
    ]);
  });

  it('changes nothing when the same file is imported again, and says which lines were duplicates', async () => {
    const { run } = workspace();
    await run(['import', EXAMPLE_PORTFOLIO]);
    const before = (await run(['export'])).stdout;
    const again = await run(['import', EXAMPLE_PORTFOLIO]);
    expect(again.code).toBe(0);
    expect(lines(again.stdout).slice(0, 3)).toEqual([
      'imported: 0',
      `skipped as duplicate: ${EXAMPLE_ROWS} (lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … and ${EXAMPLE_ROWS - 10} more)`,
      'skipped as bad: 0',
    ]);
    expect((await run(['export'])).stdout).toBe(before);
  });

  it('imports nothing from a file with bad rows, names each bad line and exits 2', async () => {
    const { paths, run } = workspace({
      'bad.csv': [
        HEADER,
        'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active',
        'Eneco,commercial,energie,project,u-bram,active',
        'RIVM,government,health,exchange,u-fatima,active',
        'TNO,knowledge-institution,climate-water,intense,u-ilse,paused',
      ].join('\n'),
    });
    const r = await run(['import', paths['bad.csv'] as string]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errors).toEqual([
      'line 3: unknown priority "energie"',
      'line 5: unknown intensity "intense"; status must be active, ended or planned, not "paused"',
      `${paths['bad.csv']}: 2 bad row(s) of 4; nothing was imported (--skip-bad imports the good rows)`,
    ]);
    expect(lines((await run(['export'])).stdout)).toHaveLength(1);
  });

  it('lists at most 100 bad lines, then how many more', async () => {
    const rows = Array.from({ length: 130 }, (_, i) => `P${i},nope,,exchange,u-anna,active`);
    const { paths, run } = workspace({ 'bad.csv': [HEADER, ...rows].join('\n') });
    const r = await run(['import', paths['bad.csv'] as string]);
    expect(r.code).toBe(2);
    expect(r.errors).toHaveLength(102);
    expect(r.errors[0]).toBe('line 2: unknown partner type "nope"');
    expect(r.errors[99]).toBe('line 101: unknown partner type "nope"');
    expect(r.errors[100]).toBe('… and 30 more');
  });

  it('imports the good rows with --skip-bad and lists the skipped ones', async () => {
    const { paths, run } = workspace({
      'some-bad.csv': [
        HEADER,
        'TU Delft,knowledge-institution,energy-transition,programme,u-carla,active',
        'Eneco,commercial,energie,project,u-bram,active',
        'RIVM,government,health,exchange,u-fatima,active',
      ].join('\n'),
    });
    const r = await run(['import', paths['some-bad.csv'] as string, '--skip-bad']);
    expect(r.code).toBe(0);
    expect(r.errors).toEqual(['skipped line 3: unknown priority "energie"']);
    expect(lines(r.stdout).slice(0, 3)).toEqual([
      'imported: 2',
      'skipped as duplicate: 0',
      'skipped as bad: 1',
    ]);
  });

  it('writes nothing with --dry-run', async () => {
    const { run } = workspace();
    const r = await run(['import', EXAMPLE_PORTFOLIO, '--dry-run']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).slice(0, 4)).toEqual([
      'dry run: nothing was written',
      `would import: ${EXAMPLE_ROWS}`,
      'would skip as duplicate: 0',
      'would skip as bad: 0',
    ]);
    expect(lines((await run(['export'])).stdout)).toHaveLength(1);
  });

  it('exits 2 for a missing file, a file without the contract columns, and unknown options', async () => {
    const { paths, run } = workspace({ 'cols.csv': 'partner,owner\nTU Delft,u-carla\n' });
    const missing = await run(['import', 'nope.csv']);
    expect([missing.code, missing.errors]).toEqual([
      2,
      ['nope.csv: cannot read the register CSV (no such file)'],
    ]);
    const cols = await run(['import', paths['cols.csv'] as string]);
    expect([cols.code, cols.errors]).toEqual([
      2,
      [`${paths['cols.csv']}: line 1: missing column(s) partner_type, priority, intensity, status`],
    ]);
    const option = await run(['import', EXAMPLE_PORTFOLIO, '--skip-bda']);
    expect(option.code).toBe(2);
    expect(option.errors.at(-1)).toMatch(/^usage: koers import CSV/);
    const noFile = await run(['import']);
    expect(noFile.code).toBe(2);
  });

  it('exits 2 for a bad database URL, naming the variable or the flag', async () => {
    const { run } = workspace();
    const env = await run(['import', EXAMPLE_PORTFOLIO], { KOERS_DATABASE_URL: 'mysql://db' });
    expect([env.code, env.errors]).toEqual([
      2,
      ['KOERS_DATABASE_URL: must be sqlite:PATH or postgres://...'],
    ]);
    const flag = await run(['import', EXAMPLE_PORTFOLIO, '--database', 'mysql://db']);
    expect([flag.code, flag.errors]).toEqual([
      2,
      ['--database: must be sqlite:PATH or postgres://..., not "mysql://db"'],
    ]);
  });

  it('exits 1, without a stack trace, when the database cannot be reached', async () => {
    const { run } = workspace();
    const r = await run(['import', EXAMPLE_PORTFOLIO, '--database', 'postgres://nobody@127.0.0.1:9/none']);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringMatching(/^koers import: failed/)]);
  });

  it('uses --strategy when given', async () => {
    const { paths, run } = workspace({ 'broken.yaml': 'version: 2\n' });
    const r = await run(['import', EXAMPLE_PORTFOLIO, '--strategy', paths['broken.yaml'] as string]);
    expect(r.code).toBe(2);
    expect(r.errors[0]).toMatch(new RegExp(`^${paths['broken.yaml']}: version`));
  });
});

describe('koers export', () => {
  it('neutralises formulas in CSV, and the export imports into an empty store as the same register', async () => {
    const first = workspace({
      'hostile.csv': [
        `${HEADER},unit,budget,start`,
        '"=HYPERLINK(""http://evil.example"",""click"")",commercial,,exchange,u-anna,active,@team,100,2025-01-01',
      ].join('\n'),
    });
    await first.run(['import', EXAMPLE_PORTFOLIO]);
    expect((await first.run(['import', first.paths['hostile.csv'] as string])).code).toBe(0);
    const out = join(first.paths.dir, 'export.csv');
    const exported = await first.run(['export', '--output', out]);
    expect([exported.code, exported.stdout]).toEqual([
      0,
      `exported ${EXAMPLE_ROWS + 1} relationship(s) to ${out}\n`,
    ]);
    const text = readFileSync(out, 'utf8');
    expect(lines(text).at(-1)).toBe(
      `${EXAMPLE_ROWS + 1},"'=HYPERLINK(""http://evil.example"",""click"")",commercial,,exchange,u-anna,active,'@team,100,0,2025-01-01,,2026-01-01,,import`,
    );

    const second = workspace();
    const imported = await second.run(['import', out]);
    expect(imported.code).toBe(0);
    expect(lines(imported.stdout)[0]).toBe(`imported: ${EXAMPLE_ROWS + 1}`);
    expect((await second.run(['export'])).stdout).toBe(text);
  });

  it('writes JSON, one array', async () => {
    const { run } = workspace();
    await run(['import', EXAMPLE_PORTFOLIO]);
    const r = await run(['export', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: number; partner: string }>;
    expect(rows).toHaveLength(EXAMPLE_ROWS);
    expect(rows[0]).toMatchObject({ id: 1, partner: 'TU Delft', owner: 'u-carla', source: 'import' });
  });

  it('exits 2 when the output cannot be written', async () => {
    const { paths, run } = workspace();
    const target = join(paths.dir, 'missing-dir', 'out.csv');
    const r = await run(['export', '--output', target]);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual([`${target}: cannot write the export (ENOENT)`]);
  });

  it('exits 2 for an unknown format', async () => {
    const { run } = workspace();
    const r = await run(['export', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.errors[0]).toBe('--format must be csv or json, not "xml"');
  });
});

describe('koers import-people', () => {
  it('imports people, and refuses a cycle and an unknown role with their lines', async () => {
    const { paths, run } = workspace({
      'people.csv':
        'id,name,role,reports_to\nu-eva,Eva Smit,executive,\nu-dirk,Dirk de Boer,director,u-eva\n',
      'bad-people.csv':
        'id,name,role,reports_to\nu-a,Anna A,manager,u-b\nu-b,Bert B,director,u-a\nu-c,Chris C,ceo,u-eva\n',
    });
    const good = await run(['import-people', paths['people.csv'] as string]);
    expect([good.code, good.stdout]).toEqual([0, 'imported 2 people (2 new, 0 updated)\n']);
    const bad = await run(['import-people', paths['bad-people.csv'] as string]);
    expect(bad.code).toBe(2);
    expect(bad.errors).toEqual([
      `${paths['bad-people.csv']}: line 2: reports_to: reports-to cycle: u-a -> u-b -> u-a`,
      `${paths['bad-people.csv']}: line 3: reports_to: reports-to cycle: u-b -> u-a -> u-b`,
      `${paths['bad-people.csv']}: line 4: role: unknown role "ceo"`,
      `${paths['bad-people.csv']}: nobody was imported`,
    ]);
  });
});

describe('files that are not UTF-8, and records too large to read', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('refuses a Latin-1 register with its first bad line, and imports it converted with --encoding windows-1252', async () => {
    const { paths, run } = workspace();
    const file = join(paths.dir, 'register-latin1.csv');
    writeFileSync(
      file,
      latin1(
        `${HEADER}\nTU Delft,knowledge-institution,energy-transition,project,u-carla,active\nCafé Noir,commercial,,exchange,u-anna,active\n`,
      ),
    );
    const refused = await run(['import', file]);
    expect(refused.code).toBe(2);
    expect(refused.errors).toEqual([
      `${file}: line 3: not valid UTF-8 (save the file as UTF-8, or give its encoding, e.g. --encoding windows-1252)`,
    ]);
    expect(lines((await run(['export'])).stdout)).toHaveLength(1);

    const converted = await run(['import', file, '--encoding', 'windows-1252']);
    expect(converted.code).toBe(0);
    expect((await run(['export'])).stdout).toContain('Café Noir');
    const unknown = await run(['import', file, '--encoding', 'klingon']);
    expect([unknown.code, unknown.errors]).toEqual([
      2,
      ['--encoding: unknown encoding "klingon" (e.g. utf-8, windows-1252)'],
    ]);
  });

  it('refuses a Latin-1 people file the same way, and imports it converted', async () => {
    const { paths, run, dbPath } = workspace();
    const file = join(paths.dir, 'people-latin1.csv');
    writeFileSync(
      file,
      latin1('id,name,role,reports_to\nu-eva,Eva Smit,executive,\nu-zoe,Zoë Müller,director,u-eva\n'),
    );
    const refused = await run(['import-people', file]);
    expect(refused.code).toBe(2);
    expect(refused.errors[0]).toBe(
      `${file}: line 3: not valid UTF-8 (save the file as UTF-8, or give its encoding, e.g. --encoding windows-1252)`,
    );
    const converted = await run(['import-people', file, '--encoding', 'latin1']);
    expect(converted.code).toBe(0);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare("select name from people where id = 'u-zoe'").get()).toEqual({ name: 'Zoë Müller' });
    db.close();
  });

  it('refuses a Latin-1 strategy with its first bad line (exit 2)', async () => {
    const { paths, run } = workspace();
    const file = join(paths.dir, 'strategy-latin1.yaml');
    const text = readFileSync(EXAMPLE_STRATEGY, 'utf8').replace(
      'Provincie Midden-Holland',
      'Provincie Zuid-Hollând',
    );
    const line = text.split('\n').findIndex((l) => l.includes('Hollând')) + 1;
    writeFileSync(file, latin1(text));
    const r = await run(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual([`${file}: line ${line}: not valid UTF-8 (save the strategy file as UTF-8)`]);
  });

  it('refuses a 64 MB cell as soon as the record passes 1 MB, and reads no further', async () => {
    const { paths, run } = workspace();
    const file = join(paths.dir, 'huge-cell.csv');
    writeFileSync(
      file,
      `${HEADER}\nTU Delft,knowledge-institution,energy-transition,project,u-carla,active\n"`,
    );
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 64; i++) appendFileSync(file, chunk);
    appendFileSync(file, '",commercial,,exchange,u-anna,active\n');
    const r = await run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual([`${file}: line 3: a record over 1 MB; the file was not read further`]);
  }, 60_000);
});

describe('koers migrate and koers audit verify', () => {
  it('migrate applies the migrations once, then says the schema is up to date', async () => {
    const { run } = workspace();
    const first = await run(['migrate']);
    expect(first.code).toBe(0);
    expect(lines(first.stdout)[0]).toBe('applied migration 001-initial');
    for (const l of lines(first.stdout)) expect(l).toMatch(/^applied migration \S+$/);
    const second = await run(['migrate']);
    expect([second.code, second.stdout, second.stderr]).toEqual([0, 'database schema up to date\n', '']);
  });

  it('audit verify passes on an intact log and names the first row changed behind its back', async () => {
    const { run, dbPath } = workspace();
    await run(['import', EXAMPLE_PORTFOLIO]);
    const intact = await run(['audit', 'verify']);
    expect([intact.code, intact.stdout]).toEqual([0, 'audit log intact: 1 rows\n']);

    const raw = new BetterSqlite3(dbPath);
    raw.exec('drop trigger audit_log_no_update');
    raw.prepare("update audit_log set actor_id = 'cli:mallory' where seq = 1").run();
    raw.close();
    const broken = await run(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.errors).toEqual([
      'audit log broken at row 1: row 1 was changed after it was written (0 rows before it are intact)',
    ]);
  });

  it('audit without verify is bad input', async () => {
    const { run } = workspace();
    const r = await run(['audit']);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual(['name what to do: verify', 'usage: koers audit verify [--database URL]']);
  });
});

describe('koers import on a terminal', () => {
  it('shows progress on stderr, every 1,000 rows, and clears it at the end', async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `Partner ${i},government,health,exchange,u-anna,active`,
    );
    const { paths, dbPath } = workspace({ 'big.csv': [HEADER, ...rows].join('\n') });
    let out = '';
    let err = '';
    const code = await runCli(['import', paths['big.csv'] as string], {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      readStdin: async () => '',
      isTty: true,
      env: { KOERS_DATABASE_URL: `sqlite:${dbPath}`, KOERS_STRATEGY: EXAMPLE_STRATEGY },
    });
    expect(code).toBe(0);
    expect(err).toBe(
      '\rvalidating: 1000 rows\rvalidating: 2000 rows\rimporting: 1000 of 2500 rows\rimporting: 2000 of 2500 rows\r\x1b[K',
    );
    expect(lines(out)[0]).toBe('imported: 2500');
  });
});
