// Which chat users have been welcomed (welcomed): a key claimed once, on any instance.
import { type Db, sqlOf } from './store-handle.js';

/** Records `key` as welcomed; true for the one call that recorded it. */
export async function claimWelcomed(db: Db, key: string, at: string): Promise<boolean> {
  const inserted = await sqlOf(db)
    .insertInto('welcomed')
    .values({ key, at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}
