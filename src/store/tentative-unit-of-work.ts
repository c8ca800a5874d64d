// A unit of work whose caller decides at its end whether it commits: a dry run does all the
// work and rolls it back, so what it reports is what a real run does. A failure rolls it back
// (a rollback that fails as well does not hide the failure).
import { type Db, sqlOf, type Tx } from './store-handle.js';

export async function inTentativeUnitOfWork<T>(
  db: Db,
  work: (tx: Tx) => Promise<{ commit: boolean; value: T }>,
): Promise<T> {
  const trx = await sqlOf(db).startTransaction().execute();
  try {
    const { commit, value } = await work(trx as unknown as Tx);
    if (commit) await trx.commit().execute();
    else await trx.rollback().execute();
    return value;
  } catch (err) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw err;
  }
}
