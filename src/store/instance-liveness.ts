// Is the process that holds a claim still alive? Each Koers process holds a lock that dies with
// it, and another process can test that lock without taking it from a live holder:
// - SQLite: an exclusive lock (BEGIN EXCLUSIVE, held by a handle of its own) on a small side file
//   next to the database, `<db>.instances/<hash of the instance id>`; the operating system drops
//   it when the process ends, however it ends (kill -9 included);
// - PostgreSQL: a session advisory lock on a connection of its own, keyed by the schema and the
//   instance id (advisory locks belong to the whole database, and two deployments in two schemas
//   of one database may well both name an instance `koers-0`); the server drops it when the
//   session ends.
// A claim (an outbox row, a digest run, the SQLite scheduler lease) whose holder is provably gone
// is taken over at once instead of after its lease. When it cannot be proven (no lock file, a key
// held, the check failing), the answer is "not gone" and the lease decides, as before.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';
import { backendOf } from './backend.js';

export interface InstanceLiveness {
  readonly instanceId: string;
  /** True only when the process that was `instanceId` is provably no longer running. */
  isGone(instanceId: string): Promise<boolean>;
  /** Gives the lock up (at a clean stop). */
  close(): Promise<void>;
}

/** No proof either way: every claim waits out its lease. */
export const NO_LIVENESS: InstanceLiveness = {
  instanceId: '',
  isGone: async () => false,
  close: async () => {},
};

/** Takes this process's liveness lock for `instanceId` on the store at `url`. */
export async function holdInstanceLiveness(
  url: string,
  instanceId: string,
  logger?: Logger,
): Promise<InstanceLiveness> {
  if (backendOf(url) === 'postgres') return postgresLiveness(url, instanceId, logger);
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? { ...NO_LIVENESS, instanceId } : sqliteLiveness(path, instanceId);
}

const fileOf = (dir: string, id: string) =>
  join(dir, `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.lock`);

function sqliteLiveness(dbPath: string, instanceId: string): InstanceLiveness {
  const dir = `${dbPath}.instances`;
  mkdirSync(dir, { recursive: true });
  const mine = fileOf(dir, instanceId);
  // Locked before it gets its name: a lock file that can be found unlocked belongs to a process
  // that has ended, never to one that is starting.
  const tmp = `${mine}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = new BetterSqlite3(tmp);
  handle.exec('BEGIN EXCLUSIVE');
  renameSync(tmp, mine);
  const gone = new Set<string>();
  return {
    instanceId,
    async isGone(id) {
      if (id === instanceId) return false;
      if (gone.has(id)) return true;
      const file = fileOf(dir, id);
      if (!existsSync(file)) return false;
      let probe: BetterSqlite3.Database | null = null;
      try {
        probe = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
        probe.exec('BEGIN EXCLUSIVE');
        probe.exec('ROLLBACK');
      } catch {
        // SQLITE_BUSY: its process holds it. Anything else proves nothing.
        return false;
      } finally {
        probe?.close();
      }
      gone.add(id);
      rmSync(file, { force: true });
      return true;
    },
    async close() {
      try {
        handle.exec('ROLLBACK');
      } finally {
        handle.close();
        rmSync(mine, { force: true });
      }
    },
  };
}

// pg is loaded only for a PostgreSQL URL.
const require = createRequire(import.meta.url);

/** Advisory lock keys: a fixed class for Koers instances and 32 bits of the hash of schema and instance id. */
const LOCK_CLASS = 0x4b6f6572;
const keyOf = (schema: string, id: string) =>
  createHash('sha256').update(`${schema}\u0000${id}`).digest().readInt32BE(0);

async function postgresLiveness(url: string, instanceId: string, logger?: Logger): Promise<InstanceLiveness> {
  const pg = require('pg') as typeof import('pg');
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const key = (id: string) => keyOf(schema, id);
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 5000 });
  let healthy = true;
  client.on('error', (err) => {
    // Its lock went with the session: other instances may now take this one's claims over.
    healthy = false;
    logger?.error({ err: err.message }, 'lost the connection that holds this instance’s liveness lock');
  });
  await client.connect();
  const held = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1, $2) as got', [
    LOCK_CLASS,
    key(instanceId),
  ]);
  if (!held.rows[0]?.got)
    logger?.warn({ instanceId }, 'liveness lock key in use; claims of this instance wait out their leases');
  const gone = new Set<string>();
  let checking: Promise<unknown> = Promise.resolve();
  return {
    instanceId,
    isGone(id) {
      if (id === instanceId || !healthy) return Promise.resolve(false);
      if (gone.has(id)) return Promise.resolve(true);
      // One query at a time on the one connection; a lock taken to test is given back at once.
      const result = checking.then(async () => {
        try {
          const r = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1, $2) as got', [
            LOCK_CLASS,
            key(id),
          ]);
          if (!r.rows[0]?.got) return false;
          await client.query('select pg_advisory_unlock($1, $2)', [LOCK_CLASS, key(id)]);
          gone.add(id);
          return true;
        } catch {
          return false;
        }
      });
      checking = result;
      return result;
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
