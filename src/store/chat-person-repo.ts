// What the chat reads and writes of the people directory: display names by id, the list a demo
// user picks someone to play from, and what a platform tells about a person (their time zone,
// where they wrote last), remembered for later notices.
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

/** Display names of directory people (ids it does not know are left out). */
export async function namesOf(
  db: Db,
  ids: ReadonlyArray<string | null | undefined>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x !== ''))];
  if (wanted.length === 0) return new Map();
  const k = sqlOf(db);
  // Prepared per list length (one shape each).
  const rows = await preparedRows(k, `names-${wanted.length}`, wanted, () =>
    k.selectFrom('people').select(['id', 'name']).where('id', 'in', wanted),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One directory person's display name, or undefined. */
export async function nameOfPerson(db: Db, id: string): Promise<string | undefined> {
  const row = await sqlOf(db).selectFrom('people').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}

export interface DirectoryEntry {
  id: string;
  name: string;
  role: string;
}

/** Everyone in the directory, by id. */
export function directoryEntries(db: Db): Promise<DirectoryEntry[]> {
  return sqlOf(db).selectFrom('people').select(['id', 'name', 'role']).orderBy('id').execute();
}

/** Remembers the time zone a platform reported for a directory person. */
export async function savePersonTimeZone(db: Db, personId: string, zone: string): Promise<void> {
  await sqlOf(db).updateTable('people').set({ time_zone: zone }).where('id', '=', personId).execute();
}

/** The platform a person wrote on last: someone reachable on both is notified there. */
export async function savePersonLastPlatform(
  db: Db,
  personId: string,
  platform: 'slack' | 'teams',
): Promise<void> {
  await sqlOf(db).updateTable('people').set({ last_platform: platform }).where('id', '=', personId).execute();
}
