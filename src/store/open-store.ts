// Opens the database and brings its schema up to date: what every command that uses the store
// does first.
import { migrateToLatest } from './migrate.js';
import { type OpenDatabase, type OpenOptions, openDatabase } from './open-database.js';

export async function openStore(
  url: string,
  options: OpenOptions = {},
): Promise<OpenDatabase & { migrated: string[] }> {
  const store = openDatabase(url, options);
  try {
    const migrated = await migrateToLatest(store.db, store.backend, store.schema);
    return { ...store, migrated };
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}
