// The database stays behind src/store/: no file outside it imports the query builder, a database
// driver or the store's schema, nor unwraps a store handle; the channels import nothing from the
// store at all (what they need of it, the application hands them through its ports).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every `import … from '…'` (and `export … from`) of a source, with what it names. */
function importsOf(text: string): { names: string; from: string }[] {
  return [...text.matchAll(/(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gs)].map((m) => ({
    names: m[2] as string,
    from: m[3] as string,
  }));
}

const DATABASE_MODULE = /^(?:kysely|better-sqlite3|pg|pg-[a-z-]+)$/;
const UNWRAPPERS = /\b(?:sqlOf|trxOf|handleOf)\b/;
/** A query built in place: the query builder's entry points, or raw SQL. */
const QUERY_BUILDING = /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`/;

/** What is wrong with one import of a file outside src/store/, or null. */
function storeLeak(file: string, imp: { names: string; from: string }): string | null {
  if (DATABASE_MODULE.test(imp.from)) return `imports ${imp.from}`;
  if (!imp.from.startsWith('.')) return null;
  const target = join(file, '..', imp.from);
  const inStore = relative(SRC, target).startsWith('store/');
  if (!inStore) return null;
  if (relative(SRC, file).startsWith('channels/')) return `a channel imports the store (${imp.from})`;
  if (/\/store\/schema\.js$/.test(imp.from)) return 'imports the store schema';
  if (/\/store\/store-handle\.js$/.test(imp.from) && UNWRAPPERS.test(imp.names))
    return 'unwraps a store handle';
  return null;
}

describe('the store boundary', () => {
  const outside = files(SRC).filter((f) => !relative(SRC, f).startsWith('store/'));

  it('has sources to check', () => {
    expect(outside.length).toBeGreaterThan(100);
  });

  it('no file outside src/store/ imports the query builder, a driver or the schema; channels import no store module', () => {
    const leaks = outside.flatMap((f) =>
      importsOf(readFileSync(f, 'utf8')).flatMap((imp) => {
        const leak = storeLeak(f, imp);
        return leak ? [`${relative(SRC, f)}: ${leak}`] : [];
      }),
    );
    expect(leaks).toEqual([]);
  });

  it('no file outside src/store/ builds a query (through a handle it was given raw)', () => {
    const builders = outside.flatMap((f) =>
      QUERY_BUILDING.test(readFileSync(f, 'utf8')) ? [relative(SRC, f)] : [],
    );
    expect(builders).toEqual([]);
    expect(QUERY_BUILDING.test("await store.db.selectFrom('cases').select('id').execute()")).toBe(true);
    expect(QUERY_BUILDING.test('await openCaseOpenedTimes(store.handle)')).toBe(false);
  });

  it('catches each kind of leak (the check itself)', () => {
    const wf = join(SRC, 'workflow', 'x.ts');
    const ch = join(SRC, 'channels', 'slack', 'x.ts');
    expect(storeLeak(wf, { names: '{ Kysely }', from: 'kysely' })).toMatch(/kysely/);
    expect(storeLeak(wf, { names: '{ Pool }', from: 'pg' })).toMatch(/pg/);
    expect(storeLeak(wf, { names: 'Database', from: '../store/schema.js' })).toMatch(/schema/);
    expect(storeLeak(wf, { names: '{ type Db, sqlOf }', from: '../store/store-handle.js' })).toMatch(
      /unwraps/,
    );
    expect(
      storeLeak(wf, { names: '{ type Db, inUnitOfWork }', from: '../store/store-handle.js' }),
    ).toBeNull();
    expect(storeLeak(ch, { names: '{ getPerson }', from: '../../store/people-repo.js' })).toMatch(/channel/);
    expect(storeLeak(ch, { names: '{ z }', from: 'zod' })).toBeNull();
  });
});
