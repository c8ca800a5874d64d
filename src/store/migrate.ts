// One set of forward-only migrations for both backends, run at start and by `koers migrate`.
// Kysely's Migrator takes a lock (an advisory lock on PostgreSQL) so instances starting together
// migrate once.
import { type Kysely, type Migration, Migrator } from 'kysely';
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
  };
}

export async function migrateToLatest(
  db: Kysely<Database>,
  backend: Backend,
  schema?: string,
): Promise<string[]> {
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
