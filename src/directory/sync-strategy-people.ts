// The strategy file's `people:` section into the store (the server calls this at start). The
// section was validated with the file (known roles, reports-to inside the section, no cycles);
// people not in the section are left as they are, and platform ids the section leaves out keep
// the ones the store has (upsertPeople).
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { upsertPeople } from '../store/people-repo.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';

/** Upserts the strategy's people in one transaction; returns how many the section names. */
export async function syncPeopleFromStrategy(db: Db, strategy: Strategy, now: Date): Promise<number> {
  if (strategy.people.length === 0) return 0;
  return inUnitOfWork(db, (tx) => upsertPeople(tx, strategy.people, now.toISOString()));
}
