// A turn that fails and a message that overtakes another, over signed Slack requests.
// - A click whose decision fails inside its transaction (nothing committed) gives its dedupe key
//   back: the same click sent again decides. Before, the key stayed claimed and the repeat was
//   dropped as a duplicate of a click that had done nothing.
// - PostgreSQL: a message that waits on the store while the same person's next message is answered
//   does not write its stale state over the newer one; it is answered again on the fresh state.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { escalatedCase } from '../../support/proposals.js';
import { blockActions, dmMessage } from '../../support/slack-sender.js';
import { PG_ADMIN_URL } from '../../support/test-stores.js';
import { decisionButton, outboxPosts, posts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const BRAM = 'U_u-bram';
const ANNA_SLACK = 'U_u-anna';

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('turns that fail or are overtaken', () => {
  let fake: FakeSlack;
  let t: SlackTestApp | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
    await fake?.close();
  });

  it('a click that failed before anything was committed is taken again when it comes again', async () => {
    fake = await startFakeSlack();
    let failNext = false;
    t = await startSlackApp({
      fake,
      fault: (point) => {
        if (point === 'after_decision_write' && failNext) {
          failNext = false;
          throw Object.assign(new Error('the store failed mid-decision'), { code: 'TEST_FAULT' });
        }
      },
    });
    const app = t;
    const opened = await escalatedCase(app.app.parts.workflow);
    app.app.parts.outboxLoop.kick();
    await fake.waitFor(() => outboxPosts(fake, dmOf(BRAM)).length > 0);
    const click = blockActions(BRAM, decisionButton(outboxPosts(fake, dmOf(BRAM))[0], 'approve'), {
      channel: dmOf(BRAM),
      messageTs: fake.messages(dmOf(BRAM))[0]?.ts ?? '',
    });

    failNext = true;
    const failures = () => app.logs.filter((l) => l.includes('slack request failed')).length;
    expect((await app.slack.interaction(click)).status).toBe(200);
    // The turn's end: Bolt's error handler logs the failed turn.
    await waitUntil(() => failures() === 1, 'the failed turn');
    const decisions = () =>
      app.app.parts.store.db
        .selectFrom('decisions')
        .select('action')
        .where('case_id', '=', opened.id)
        .execute();
    expect(await decisions()).toEqual([]);

    expect((await app.slack.interaction(click)).status).toBe(200);
    await fake.waitFor(() => outboxPosts(fake, 'C0STRATEGY').length === 1);
    expect(await decisions()).toEqual([{ action: 'approve' }]);
  });

  it('PostgreSQL: a message held up on the store does not write its stale state over a newer one', async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, backend: 'postgres' });
    const app = t;
    const dm = dmOf(ANNA_SLACK);
    const answered = async (n: number) => fake.waitFor(() => posts(fake, dm).length >= n);
    await app.slack.event(dmMessage(ANNA_SLACK, 'check'));
    await answered(1); // the check asks for the partner

    const schema = new URL(app.databaseUrl).searchParams.get('schema') as string;
    const locker = new pg.Client({ connectionString: PG_ADMIN_URL });
    const watcher = new pg.Client({ connectionString: PG_ADMIN_URL });
    await locker.connect();
    await watcher.connect();
    try {
      // Hold the register: the answer "TU Delft" reads it (who works with TU Delft?) and waits.
      await locker.query('begin');
      await locker.query(`lock table ${schema}.relationships in access exclusive mode`);
      await app.slack.event(dmMessage(ANNA_SLACK, 'TU Delft'));
      await waitUntil(async () => {
        // Not on the locking connection: inside its transaction pg_stat_activity stays as first read.
        const r = await watcher.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%relationships%'`,
        );
        return (r.rows[0] as { n: number }).n > 0;
      }, 'the first message to wait on the register');
      // Meanwhile the next message stops the check, and is answered.
      await app.slack.event(dmMessage(ANNA_SLACK, 'stop'));
      await answered(2);
      expect(textOf(posts(fake, dm)[1])).toMatch(/gestopt|afgebroken|stopped|geannuleerd/i);
    } finally {
      await locker.query('rollback');
      await locker.end();
      await watcher.end();
    }
    await answered(3); // the held-up message, answered once it could read
    expect(await app.app.parts.store.db.selectFrom('conversation_state').selectAll().execute()).toEqual([]);
  });
});
