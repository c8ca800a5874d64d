// Hot, fixed-shape reads compiled once. Building and compiling a Kysely query costs more CPU than
// SQLite takes to run it (measured on the `status` path: about a tenth of a millisecond a query),
// so the queries every chat message makes are compiled on first use and then run with new
// parameters. `build` must be the same query every time, taking exactly `params`, in that order.
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const compiled = new WeakMap<Kysely<Database>, Map<string, string>>();

export async function preparedRows<R>(
  db: Kysely<Database>,
  key: string,
  params: ReadonlyArray<unknown>,
  build: () => Compilable<R>,
): Promise<R[]> {
  let byKey = compiled.get(db);
  if (!byKey) {
    byKey = new Map();
    compiled.set(db, byKey);
  }
  let text = byKey.get(key);
  if (text === undefined) {
    const c = build().compile();
    const same = c.parameters.length === params.length && c.parameters.every((p, i) => p === params[i]);
    if (!same) throw new TypeError(`prepared query ${key}: its parameters are not the ones given`);
    text = c.sql;
    byKey.set(key, text);
  }
  const rows = directReaders.get(db)?.(text, params);
  if (rows) return rows as R[];
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  return result.rows;
}

/** Runs a read at once, or answers undefined when it must go through Kysely after all. */
type DirectReader = (text: string, params: ReadonlyArray<unknown>) => unknown[] | undefined;
const directReaders = new WeakMap<Kysely<Database>, DirectReader>();

/**
 * A synchronous driver (better-sqlite3) can run a prepared read without Kysely's connection
 * handling; only the root instance is registered, so a read inside a transaction goes the usual way.
 */
export function registerDirectReader(db: Kysely<Database>, reader: DirectReader): void {
  directReaders.set(db, reader);
}
