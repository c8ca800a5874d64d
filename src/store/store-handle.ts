// The database as Koers outside src/store/ holds it: an opaque handle that it only passes back to
// the store's repositories. A use case that writes through several repositories opens one unit of
// work (one transaction) and hands it to each of them. Only the store sees the query builder
// behind a handle; a test fails when a file outside src/store/ imports it or the schema.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

declare const dbBrand: unique symbol;
declare const txBrand: unique symbol;

/** An open store (or a unit of work on it): what the store's repositories take. */
export interface Db {
  readonly [dbBrand]: 'Db';
}

/** One transaction that several repositories write through; it commits when the work returns. */
export interface Tx extends Db {
  readonly [txBrand]: 'Tx';
}

/** The query builder behind a handle. For the store's own modules only. */
export function sqlOf(db: Db): Kysely<Database> {
  return db as unknown as Kysely<Database>;
}

/** The transaction behind a unit of work. For the store's own modules only. */
export function trxOf(tx: Tx): Transaction<Database> {
  return tx as unknown as Transaction<Database>;
}

/** The handle of an open query builder (or transaction). */
export function handleOf(db: Kysely<Database>): Db {
  return db as unknown as Db;
}

/**
 * Runs `work` in one transaction and commits when it returns (rolls back when it throws). Inside
 * a unit of work already, `work` joins it: the outer one commits.
 */
export function inUnitOfWork<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const k = sqlOf(db);
  if (k.isTransaction) return work(db as Tx);
  return k.transaction().execute((trx) => work(trx as unknown as Tx));
}
