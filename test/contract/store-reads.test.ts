// The hot reads (src/store/prepared-query.ts) on every backend: a read made while another part of
// the process holds a transaction open sees only committed rows. On SQLite there is one
// connection, so a read that skipped the queue would run inside that transaction and see its
// writes before they are committed, or even when they are rolled back. On SQLite the answers are
// kept while the database is unchanged: a change made by this process (through any connection) is
// seen by the next read, and a commit by another process by the next read in a later turn of the
// event loop.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { findPersonByPlatformId, getPerson } from '../../src/store/people-repo.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const NOW = '2026-11-23T09:00:00.000Z';
const run = promisify(execFile);

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

  it('sees a change made after it read, by this process or by another connection', async () => {
    const db = ts.store.db;
    await db
      .insertInto('people')
      .values({ ...person('u-nieuw'), slack_id: 'U0NIEUW' })
      .execute();
    expect((await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW'))?.name).toBe('Nienke Nieuw');
    await db.updateTable('people').set({ name: 'Nienke de Vries' }).where('id', '=', 'u-nieuw').execute();
    expect((await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW'))?.name).toBe('Nienke de Vries');
    const other = await openStore(ts.url);
    try {
      await other.db
        .updateTable('people')
        .set({ name: 'Nienke Jansen' })
        .where('id', '=', 'u-nieuw')
        .execute();
      expect((await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW'))?.name).toBe('Nienke Jansen');
      await other.db.deleteFrom('people').where('id', '=', 'u-nieuw').execute();
      expect(await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it.runIf(backend === 'sqlite')('sees a commit made by another process', async () => {
    await ts.store.db
      .insertInto('people')
      .values({ ...person('u-nieuw'), slack_id: 'U0NIEUW' })
      .execute();
    expect((await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW'))?.name).toBe('Nienke Nieuw');
    const file = ts.url.slice('sqlite:'.length);
    // Another process (as `koers import` is) renames her through its own connection.
    await run(process.execPath, [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.prepare("update people set name = 'Nienke Jansen' where id = 'u-nieuw'").run(); db.close();`,
    ]);
    expect((await findPersonByPlatformId(ts.store.handle, 'slack', 'U0NIEUW'))?.name).toBe('Nienke Jansen');
  });

  it('hands out rows no caller can change for the next one', async () => {
    await ts.store.db.insertInto('people').values(person('u-nieuw')).execute();
    const row = (await getPerson(ts.store.handle, 'u-nieuw')) as { name: string };
    try {
      row.name = 'changed';
    } catch {
      // a frozen row refuses the change
    }
    expect((await getPerson(ts.store.handle, 'u-nieuw'))?.name).toBe('Nienke Nieuw');
  });
});
