// Opens the store's database from KOERS_DATABASE_URL: `sqlite:PATH` (embedded, one instance)
// or `postgres://...` (several instances). Both speak the one schema through Kysely.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type QueryResult,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import { type Backend, backendOf } from './backend.js';
import { CommitTrackingDialect } from './commit-scope.js';
import { registerDirectReader, registerDirectWriter } from './prepared-query.js';
import type { Database } from './schema.js';
import { noteSqliteWrite, sqliteReadCache } from './sqlite-read-cache.js';
import { type Db, handleOf } from './store-handle.js';

export interface OpenDatabase {
  db: Kysely<Database>;
  /** The same database as the rest of Koers holds it: passed to the store's repositories. */
  handle: Db;
  backend: Backend;
  /** A description safe to log (no password). */
  describe: string;
  /** PostgreSQL schema the tables live in (`?schema=` in the URL; default public). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite: how long a write waits for another process's write lock before it fails with
   * KOERS_STORE_BUSY (default 10 s; the server uses less, so a request is still answered in time).
   */
  lockWaitMs?: number;
}

export function openDatabase(url: string, options: OpenOptions = {}): OpenDatabase {
  return backendOf(url) === 'postgres'
    ? openPostgres(url, options)
    : openSqlite(url.slice('sqlite:'.length), options.lockWaitMs ?? 10_000);
}

/** The database stayed locked by another process for longer than the store may wait. */
export function isStoreBusy(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'KOERS_STORE_BUSY';
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** PostgreSQL's own: the server shut down or the connection broke (classes 57P and 08). */
const UNREACHABLE_SQLSTATE = /^(57P0[1-3]|08\d{3})$/;

/** PostgreSQL could not be reached: no connection, or the connection broke under the query. */
export function isStoreUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    UNREACHABLE_CODES.has(code) ||
    UNREACHABLE_SQLSTATE.test(code) ||
    /^Connection terminated|timeout exceeded when trying to connect/.test(message)
  );
}

/**
 * better-sqlite3 waits for a lock synchronously (busy_timeout), which stops the whole event loop:
 * with 10 s, an import running beside the server froze every request past Slack's 3 s. So SQLite
 * waits only a moment itself, and a statement that finds the database locked outside a transaction
 * (a single write, or the BEGIN IMMEDIATE that starts one) is tried again after a pause that lets
 * the event loop run, with a growing backoff, until `lockWaitMs` has passed.
 */
const SYNC_BUSY_WAIT_MS = 20;
const BACKOFF_MS = { first: 10, max: 200 };

/** A busy answer this soon after the last one continues the same wait (see blockedSince). */
const SAME_WAIT_MS = 250;

class LockRetryingConnection implements DatabaseConnection {
  /**
   * When this connection first found the database locked, in the wait going on now. Statements
   * queue on the one connection: one that waited behind another's wait shares its deadline, so a
   * request queued behind a background job's wait is told "busy" when that wait ends instead of
   * waiting a second time (which would miss Slack's 3 s).
   */
  private blockedSince: number | null = null;
  private lastBusyAt = 0;

  constructor(
    private readonly inner: DatabaseConnection,
    private readonly raw: BetterSqlite3.Database,
    private readonly lockWaitMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let pause = BACKOFF_MS.first;
    for (;;) {
      const inTransaction = this.raw.inTransaction;
      try {
        const result = await this.inner.executeQuery<R>(query);
        if (!inTransaction) this.blockedSince = null;
        return result;
      } catch (err) {
        const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
        // Inside a transaction this connection holds the write lock already: not a wait of ours.
        if (!busy || inTransaction) throw err;
        const now = Date.now();
        if (this.blockedSince === null || now - this.lastBusyAt > SAME_WAIT_MS) this.blockedSince = now;
        this.lastBusyAt = now;
        const left = this.blockedSince + this.lockWaitMs - now;
        if (left <= 0)
          throw Object.assign(
            new Error(`the database is locked by another process (waited ${this.lockWaitMs} ms)`),
            { code: 'KOERS_STORE_BUSY', cause: err },
          );
        await new Promise((r) => setTimeout(r, Math.min(pause, left)));
        pause = Math.min(BACKOFF_MS.max, pause * 2);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

// SQLite's deferred BEGIN takes the write lock only at the first write; two processes that both
// read first then deadlock-upgrade and one fails at once with SQLITE_BUSY, busy_timeout or not.
// BEGIN IMMEDIATE takes the write lock up front and waits for it (busy_timeout).
class ImmediateSqliteDriver extends SqliteDriver {
  private retrying: LockRetryingConnection | null = null;
  constructor(
    cfg: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly raw: BetterSqlite3.Database,
    private readonly lockWaitMs: number,
  ) {
    super(cfg);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.retrying ??= new LockRetryingConnection(connection, this.raw, this.lockWaitMs);
    return this.retrying;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly raw: BetterSqlite3.Database,
    private readonly lockWaitMs: number,
  ) {
    super(cfg);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.cfg, this.raw, this.lockWaitMs);
  }
}

function openSqlite(path: string, lockWaitMs: number): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path, { timeout: SYNC_BUSY_WAIT_MS });
  raw.pragma('journal_mode = WAL');
  raw.pragma(`busy_timeout = ${SYNC_BUSY_WAIT_MS}`);
  // Decisions must survive a power cut: FULL costs ~100 µs a write here, which we can afford.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // Kysely prepares every query anew; a small cache of prepared statements saves that work.
  // Every statement Kysely runs is prepared here, just before it runs: one that may write tells the
  // read cache (sqlite-read-cache.ts) that the database may be about to change.
  const statements = new Map<string, { stmt: BetterSqlite3.Statement; writes: boolean }>();
  const cached = {
    close: () => raw.close(),
    prepare: (text: string) => {
      let entry = statements.get(text);
      if (!entry) {
        const stmt = raw.prepare(text);
        entry = { stmt, writes: !stmt.readonly };
        if (statements.size > 500) statements.clear();
        statements.set(text, entry);
      }
      if (entry.writes) noteSqliteWrite();
      return entry.stmt;
    },
  };
  const db = new Kysely<Database>({
    dialect: new CommitTrackingDialect(
      new ImmediateSqliteDialect({ database: cached as unknown as BetterSqlite3.Database }, raw, lockWaitMs),
    ),
  });
  // Outside a transaction a read sees committed rows whichever way it goes, so the hot reads skip
  // Kysely's connection mutex and promise chain; inside one they queue behind it as any query does.
  // Their answers are kept while the database is unchanged (sqlite-read-cache.ts).
  const readCached = sqliteReadCache(raw, (text, params) => cached.prepare(text).all(...params) as unknown[]);
  registerDirectReader(db, (text, params) => (raw.inTransaction ? undefined : readCached(text, params)));
  // A write that need not wait for the disk (preparedRelaxedWrite): outside a transaction, at once,
  // with synchronous=NORMAL for that statement only. A locked database goes the usual way (it
  // waits, with the event loop free, in LockRetryingConnection).
  const relaxed = raw.prepare('pragma synchronous = NORMAL');
  const full = raw.prepare('pragma synchronous = FULL');
  registerDirectWriter(db, (text, params) => {
    if (raw.inTransaction) return undefined;
    relaxed.run();
    try {
      return cached.prepare(text).run(...params).changes;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    } finally {
      full.run();
    }
  });
  return {
    db,
    handle: handleOf(db),
    backend: 'sqlite',
    describe: `sqlite:${path}`,
    close: () => db.destroy(),
  };
}

// pg is loaded only for a PostgreSQL URL: the embedded default never pays for it.
const require = createRequire(import.meta.url);

function openPostgres(url: string, options: OpenOptions): OpenDatabase {
  const pg = require('pg') as typeof import('pg');
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw Object.assign(new Error(`KOERS_DATABASE_URL: schema "${schema}" must be a lower-case identifier`), {
      code: 'KOERS_INPUT',
    });
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new CommitTrackingDialect(new PostgresDialect({ pool })) });
  parsed.password = parsed.password ? '***' : '';
  return {
    db,
    handle: handleOf(db),
    backend: 'postgres',
    describe: parsed.toString(),
    schema: schema ?? 'public',
    close: () => db.destroy(),
  };
}
