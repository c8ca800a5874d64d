// The hot reads (src/store/prepared-query.ts) on every backend: a read made while another part of
// the process holds a transaction open sees only committed rows. On SQLite there is one
// connection, so a read that skipped the queue would run inside that transaction and see its
// writes before they are committed, or even when they are rolled back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPerson } from '../../src/store/people-repo.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const NOW = '2026-11-23T09:00:00.000Z';

const person = (id: string) => ({
  id,
  name: 'Nienke Nieuw',
  role: 'employee',
  unit: null,
  reports_to: null,
  email: null,
  slack_id: null,
  teams_id: null,
  language: null,
  absent_from: null,
  absent_until: null,
  delegate_id: null,
  unreachable_on: null,
  updated_at: NOW,
});

describe.each(BACKENDS)('reads beside a transaction on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  it('never sees the rows of a transaction that is rolled back', async () => {
    const db = ts.store.db;
    let read: Promise<unknown> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('people').values(person('u-nieuw')).execute();
        read = getPerson(ts.store.handle, 'u-nieuw');
        // Let the read run as far as it can while the transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await read).toBeUndefined();
    expect(await getPerson(ts.store.handle, 'u-nieuw')).toBeUndefined();
  });

  it('sees the rows once their transaction is committed', async () => {
    const db = ts.store.db;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('people').values(person('u-nieuw')).execute();
    });
    expect((await getPerson(ts.store.handle, 'u-nieuw'))?.name).toBe('Nienke Nieuw');
  });
});
