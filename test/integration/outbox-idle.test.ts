// The outbox dispatcher is woken after every chat turn that wrote, and on its interval, mostly
// with nothing to send. It must then not take the database's write lock: while another process
// holds it (`koers import` loading a register), an idle dispatcher stays quiet instead of waiting
// for the lock and failing with "store busy". A row that is due is still seen at once, whoever
// wrote it.
import BetterSqlite3 from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { openStore } from '../../src/store/open-store.js';
import { makeTestStore, type TestStore } from '../support/test-stores.js';

const NOW = new Date('2026-12-07T10:00:00.000Z');
/**
 * Another process's commit reaches this one between two turns of the event loop (the store asks
 * SQLite once per turn whether another connection committed): the connection standing in for that
 * process here is in this process, so the test lets a turn pass after it writes.
 */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('an idle outbox dispatcher on SQLite', () => {
  let ts: TestStore;
  let store: Awaited<ReturnType<typeof openStore>>;
  let other: BetterSqlite3.Database;
  const delivered: number[] = [];

  beforeEach(async () => {
    ts = await makeTestStore('sqlite');
    // The server's own connection, waiting only briefly for another process's lock.
    store = await openStore(ts.url, { lockWaitMs: 300 });
    // Another process's connection to the same file.
    other = new BetterSqlite3(ts.url.slice('sqlite:'.length));
    delivered.length = 0;
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await store.close();
    await ts.drop();
  });

  const dispatcher = () =>
    createOutboxDispatcher({
      db: store.handle,
      backend: 'sqlite',
      senders: [
        {
          platform: 'slack',
          deliver: async (item) => {
            delivered.push(item.id);
            return { status: 'sent', ref: null };
          },
        },
      ],
      clock: () => NOW,
      logger: pino({ level: 'silent' }),
      workerId: 'koers-test',
    });

  const enqueueFromOther = (dueAt: Date) =>
    other
      .prepare(
        `insert into outbox (dedupe_key, kind, platform, target, payload, next_attempt_at, created_at)
         values ('k-1', 'case_update', 'slack', '{"person":"u-anna"}', '{}', ?, ?)`,
      )
      .run(dueAt.toISOString(), NOW.toISOString());

  it('sends nothing and takes no lock while another process holds it', async () => {
    const d = dispatcher();
    other.exec('begin immediate');
    await expect(d.runOnce()).resolves.toMatchObject({ sent: 0, failed: 0 });
    other.exec('rollback');

    // A row another process wrote that falls due in an hour: still nothing to do now.
    enqueueFromOther(new Date(NOW.getTime() + 3_600_000));
    await nextTurn();
    other.exec('begin immediate');
    await expect(d.runOnce()).resolves.toMatchObject({ sent: 0 });
    other.exec('rollback');
    expect(delivered).toEqual([]);
  });

  it('sees at once a row that another process made due', async () => {
    const d = dispatcher();
    enqueueFromOther(new Date(NOW.getTime() + 3_600_000));
    await d.runOnce();
    other.prepare('update outbox set next_attempt_at = ?').run(NOW.toISOString());
    await nextTurn();
    // With the lock held elsewhere, the due row makes the dispatcher try to claim it (and be
    // told the store is busy); without it, the row is sent.
    other.exec('begin immediate');
    await expect(d.runOnce()).rejects.toMatchObject({ code: 'KOERS_STORE_BUSY' });
    other.exec('rollback');
    await expect(d.runOnce()).resolves.toMatchObject({ sent: 1 });
    expect(delivered).toHaveLength(1);
  });
});
