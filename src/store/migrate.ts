// One set of forward-only migrations for both backends, run at start and by `koers migrate`.
// Kysely's Migrator takes a lock (an advisory lock on PostgreSQL) so instances starting together
// migrate once.
//
// A database that already has every migration is recognised with one read of the migrations
// table, without the Migrator: the Migrator first introspects every table of every schema on the
// server, which is slow beside many schemas and fails ("schema … does not exist") when another
// schema on the same server is dropped while it reads. Where it still runs, that failure about a
// schema that is not ours is retried.
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Backend } from './backend.js';
import { initial } from './migrations/001-initial.js';
import { delivery } from './migrations/002-delivery.js';
import { jobs } from './migrations/003-jobs.js';
import { delegates } from './migrations/004-delegates.js';
import { outboxClaims } from './migrations/005-outbox-claims.js';
import { retentionIndexes } from './migrations/006-retention.js';
import { partnerWordsMigration } from './migrations/007-partner-words.js';
import { timeZones } from './migrations/008-time-zones.js';
import { directoryPeople } from './migrations/009-directory-people.js';
import { partnerInitials } from './migrations/010-partner-initials.js';
import { noWordVariants } from './migrations/011-no-word-variants.js';
import type { Database } from './schema.js';

export function migrations(backend: Backend): Record<string, Migration> {
  return {
    '001-initial': initial(backend),
    '002-delivery': delivery(backend),
    '003-jobs': jobs(backend),
    '004-delegates': delegates(),
    '005-outbox-claims': outboxClaims(),
    '006-retention': retentionIndexes(),
    '007-partner-words': partnerWordsMigration(),
    '008-time-zones': timeZones(),
    '009-directory-people': directoryPeople(),
    '010-partner-initials': partnerInitials(),
    '011-no-word-variants': noWordVariants(),
  };
}

/** Names of the migrations already run, or null when the migrations table is not there yet. */
async function appliedMigrations(
  db: Kysely<Database>,
  backend: Backend,
  schema: string,
): Promise<Set<string> | null> {
  const exists =
    backend === 'postgres'
      ? (
          await sql<{
            t: string | null;
          }>`select to_regclass(${`"${schema}".koers_migrations`})::text as t`.execute(db)
        ).rows[0]?.t
      : (
          await sql<{
            t: string;
          }>`select name as t from sqlite_master where type = 'table' and name = 'koers_migrations'`.execute(
            db,
          )
        ).rows[0]?.t;
  if (!exists) return null;
  const table = backend === 'postgres' ? sql.id(schema, 'koers_migrations') : sql.id('koers_migrations');
  const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/** PostgreSQL's "schema … does not exist" about a schema other than ours: another one dropped mid-read. */
function otherSchemaDropped(error: unknown, schema: string): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return e?.code === '3F000' && typeof e.message === 'string' && !e.message.includes(`"${schema}"`);
}

export async function migrateToLatest(
  db: Kysely<Database>,
  backend: Backend,
  schema?: string,
): Promise<string[]> {
  const applied = await appliedMigrations(db, backend, schema ?? 'public');
  const wanted = Object.keys(migrations(backend));
  // Up to date: every migration recorded, and none this version does not know (a newer Koers ran
  // here; the migrator then refuses to start with the name it does not know).
  if (applied && applied.size === wanted.length && wanted.every((name) => applied.has(name))) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await runMigrator(db, backend, schema);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (attempt >= 5 || !otherSchemaDropped(cause, schema ?? 'public')) throw err;
    }
  }
}

async function runMigrator(db: Kysely<Database>, backend: Backend, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(backend) },
    // A migration added beside ones already run (002 arrived after 003 on early databases) still runs.
    allowUnorderedMigrations: true,
    migrationTableName: 'koers_migrations',
    migrationLockTableName: 'koers_migrations_lock',
    ...(backend === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw Object.assign(
      new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`),
      {
        code: 'KOERS_MIGRATION_FAILED',
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
