// Hot, fixed-shape reads compiled once. Building and compiling a Kysely query costs more CPU than
// SQLite takes to run it (measured on the `status` path: about a tenth of a millisecond a query),
// so the queries every chat message makes are compiled on first use and then run with new
// parameters. `build` must be the same query every time, taking exactly `params`, in that order.
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const compiled = new WeakMap<Kysely<Database>, Map<string, string>>();

/** The query's SQL, compiled on first use under `key` and kept for this database. */
function compiledText(
  db: Kysely<Database>,
  key: string,
  params: ReadonlyArray<unknown>,
  build: () => Compilable<unknown>,
): string {
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
  return text;
}

export async function preparedRows<R>(
  db: Kysely<Database>,
  key: string,
  params: ReadonlyArray<unknown>,
  build: () => Compilable<R>,
): Promise<R[]> {
  const text = compiledText(db, key, params, build);
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

/** Runs a small write at once and answers the rows it changed, or undefined to go through Kysely. */
type DirectWriter = (text: string, params: ReadonlyArray<unknown>) => number | undefined;
const directWriters = new WeakMap<Kysely<Database>, DirectWriter>();

/**
 * A write whose loss in a power cut changes nothing, run outside a transaction: on SQLite it does
 * not wait for the disk itself (synchronous=NORMAL for that one statement; the WAL keeps writes in
 * order, so the next commit's flush makes it durable as well). Used for the claim of an incoming
 * event's key: if a power cut takes the claim and nothing after it committed, the platform's retry
 * is a first try again, as when a turn gives its key back. Elsewhere it runs as any write does.
 * Answers the number of rows changed.
 */
export async function preparedRelaxedWrite(
  db: Kysely<Database>,
  key: string,
  params: ReadonlyArray<unknown>,
  build: () => Compilable<unknown>,
): Promise<number> {
  const text = compiledText(db, key, params, build);
  const changed = directWriters.get(db)?.(text, params);
  if (changed !== undefined) return changed;
  const result = await db.executeQuery(CompiledQuery.raw(text, [...params]));
  return Number(result.numAffectedRows ?? 0n);
}

/** See preparedRelaxedWrite; only the root instance of a synchronous driver is registered. */
export function registerDirectWriter(db: Kysely<Database>, writer: DirectWriter): void {
  directWriters.set(db, writer);
}
