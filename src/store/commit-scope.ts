// Did this piece of work change the database yet? A chat turn runs inside a commit scope; every
// write that reaches the database from inside it (a statement outside a transaction that changed
// rows, or a transaction that wrote and committed) marks the scope. A turn that fails before its
// scope is marked has left nothing behind, so it may be tried again as if it never ran; one that
// fails after has an effect that a retry must not repeat. The marks come from the store's driver
// (CommitTrackingDialect wraps both backends'), so no caller has to remember to report a write.
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

export interface CommitScope {
  /** True once a write made inside the scope was committed. */
  readonly committed: boolean;
}

interface MutableScope {
  committed: boolean;
}

const current = new AsyncLocalStorage<MutableScope>();

/** Runs `fn` in a fresh commit scope; `fn` gets the scope to look at. */
export function inCommitScope<T>(fn: (scope: CommitScope) => Promise<T>): Promise<T> {
  const scope: MutableScope = { committed: false };
  return current.run(scope, () => fn(scope));
}

/** The scope the caller runs in, if any. */
export function currentCommitScope(): CommitScope | undefined {
  return current.getStore();
}

function markCommitted(): void {
  const scope = current.getStore();
  if (scope) scope.committed = true;
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const WRITE_SQL = /^\s*(?:insert|update|delete|merge)\b/i;

function changedRows(query: CompiledQuery, result: QueryResult<unknown>): boolean {
  const write =
    WRITE_NODES.has(query.query.kind) || (query.query.kind === 'RawNode' && WRITE_SQL.test(query.sql));
  if (!write) return false;
  return (result.numAffectedRows ?? 0n) > 0n || result.rows.length > 0;
}

/** A connection that reports its writes: at once outside a transaction, at the commit inside one. */
class TrackedConnection implements DatabaseConnection {
  inTransaction = false;
  wroteInTransaction = false;
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (changedRows(query, result as QueryResult<unknown>)) {
      if (this.inTransaction) this.wroteInTransaction = true;
      else markCommitted();
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class TrackingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, TrackedConnection>();
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let tracked = this.wrapped.get(connection);
    if (!tracked) {
      tracked = new TrackedConnection(connection);
      this.wrapped.set(connection, tracked);
    }
    return tracked;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as TrackedConnection;
    await this.inner.beginTransaction(c, settings);
    c.inTransaction = true;
    c.wroteInTransaction = false;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackedConnection;
    c.inTransaction = false;
    await this.inner.commitTransaction(c);
    if (c.wroteInTransaction) markCommitted();
    c.wroteInTransaction = false;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackedConnection;
    c.inTransaction = false;
    c.wroteInTransaction = false;
    await this.inner.rollbackTransaction(c);
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as TrackedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * A dialect whose driver marks the current commit scope on every committed write. Transaction
 * statements reach the inner driver through the tracked connection, which passes them on; the
 * inner driver gets its own connection back only where it needs it (releasing it).
 */
export class CommitTrackingDialect implements Dialect {
  constructor(private readonly inner: Dialect) {}
  createDriver(): Driver {
    return new TrackingDriver(this.inner.createDriver());
  }
  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Dialect's own signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
