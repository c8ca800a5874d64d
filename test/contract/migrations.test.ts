// Opening a database brings it up to date once; a database a newer Koers has migrated is refused
// by name instead of being used with a schema this version does not know.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('a fresh database gets every migration; opening it again runs none', async () => {
    const db = await freshDatabaseUrl(backend);
    drops.push(db.drop);
    const first = await openStore(db.url);
    await first.close();
    expect(first.migrated.length).toBeGreaterThan(5);
    const second = await openStore(db.url);
    await second.close();
    expect(second.migrated).toEqual([]);
  });

  it('a database migrated by a newer Koers is refused, naming the migration it does not know', async () => {
    const db = await freshDatabaseUrl(backend);
    drops.push(db.drop);
    const s = await openStore(db.url);
    await sql`insert into koers_migrations (name, timestamp) values ('999_from_a_newer_koers', '2027-01-01T00:00:00.000Z')`.execute(
      s.db,
    );
    await s.close();
    await expect(openStore(db.url)).rejects.toThrow(/999_from_a_newer_koers/);
  });
});
