import { preparedRelaxedWrite } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

/**
 * Claims `key` once: true for the one caller that inserted it, false for everyone after. Takes a
 * store handle; a query builder still works for the callers that hold one.
 */
export async function claimKey(db: Db, key: string, ref: string | null, at: string): Promise<boolean> {
  const result = await sqlOf(db as Db)
    .insertInto('processed_events')
    .values({ key, ref, at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Claims `key` without waiting for the disk (see preparedRelaxedWrite): for a claim whose loss in
 * a power cut only makes the next copy of the event a first try. True when this call claimed it.
 */
export async function claimKeyRelaxed(db: Db, key: string, at: string): Promise<boolean> {
  const k = sqlOf(db);
  const params = [key, null, at] as const;
  const changed = await preparedRelaxedWrite(k, 'claim-event', params, () =>
    k
      .insertInto('processed_events')
      .values({ key: params[0], ref: params[1], at: params[2] })
      .onConflict((oc) => oc.column('key').doNothing()),
  );
  return changed === 1;
}

/** Gives a claimed key back, so the next claim of it succeeds. */
export async function releaseKey(db: Db, key: string): Promise<void> {
  await sqlOf(db).deleteFrom('processed_events').where('key', '=', key).execute();
}
