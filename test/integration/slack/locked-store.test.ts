// SQLite locked by another process's write (an import beside `koers serve`): better-sqlite3 waits
// for a lock synchronously, and with its 10 s busy_timeout the whole server froze, so Slack got
// its acknowledgement after 10 s instead of within 3 s. Now the server waits for the lock without
// stopping its event loop, for a bounded time, and then says that nothing was recorded.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage, slashCommand } from '../../support/slack-sender.js';
import { posts, rowCounts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BUSY = 'Koers is even bezet: er is niets vastgelegd. Probeer het zo nog eens.';
/** Slack shows an error when the acknowledgement takes longer. */
const SLACK_ACK_MS = 3_000;

describe('a store locked by another process (SQLite)', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  let other: BetterSqlite3.Database;
  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
    other = new BetterSqlite3(t.databaseUrl.slice('sqlite:'.length));
  });
  afterAll(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await t.drop();
    await fake.close();
  });

  it('acknowledges a slash command within 3 s, saying nothing was recorded, and records nothing', async () => {
    const before = await rowCounts(t.app.parts.store.db);
    // What `koers import` does for the length of an import: hold the write lock.
    other.exec('begin immediate');
    try {
      const started = Date.now();
      const r = await t.slack.command(slashCommand(ANNA, 'help', fake.responseUrl()));
      const ackMs = Date.now() - started;
      expect(r.status).toBe(200);
      expect(r.body).toContain(BUSY);
      expect(ackMs).toBeLessThan(SLACK_ACK_MS);

      const dm = dmOf(ANNA);
      const answered = posts(fake, dm).length;
      expect((await t.slack.event(dmMessage(ANNA, 'help'))).status).toBe(200);
      await fake.waitFor(() => posts(fake, dm).length > answered);
      expect(textOf(posts(fake, dm).at(-1))).toContain(BUSY);
    } finally {
      other.exec('rollback');
    }
    expect(await rowCounts(t.app.parts.store.db)).toEqual(before);
  });

  it('answers as usual once the lock is gone', async () => {
    const r = await t.slack.command(slashCommand(ANNA, 'help', fake.responseUrl()));
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(BUSY);
    expect(r.body).toContain('koers');
  });
});
