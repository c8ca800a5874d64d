// The other ways in: the slash command's words answered only to the person (response_url), and
// the App Home tab with my cases, the decisions waiting for me (with their buttons, which work
// from there) and the portfolio. And no token or signing secret ever reaches a log line or a row.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, limitProblem, startFakeSlack } from '../../support/fake-slack.js';
import { ANNA as ANNA_REQUESTER, proposal } from '../../support/proposals.js';
import { blockActions, homeOpened, slashCommand } from '../../support/slack-sender.js';
import { PG_ADMIN_URL } from '../../support/test-stores.js';
import { buttonsOf, outboxPosts, posts, textOf, waitForPosts } from './slack-helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';

describe('slash command words and the Home tab', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeEach(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
  });
  afterEach(async () => {
    await t.drop();
    await fake.close();
  });

  async function escalate(partner: string) {
    const out = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA_REQUESTER,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: 20_000,
      }),
    );
    if (!out.ok) throw new Error('submit refused');
    return out.case.id;
  }

  /** Sends `/koers <text>` and returns the answer, which comes in the ack itself. */
  async function slash(user: string, text: string): Promise<string> {
    const r = await t.slack.command(slashCommand(user, text, fake.responseUrl()));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(body).toMatchObject({ response_type: 'ephemeral' });
    expect(limitProblem('response_url', body)).toBeNull();
    return textOf({ method: 'ack', args: body, at: 0, outcome: 'ok' });
  }

  it('answers status, who, portfolio, help and an unknown word in the ack, to the person only', async () => {
    await escalate('Deltares');
    expect(await slash(BRAM, 'status')).toMatch(/Deltares/);
    expect(await slash(ANNA, 'wie Deltares')).toMatch(/Deltares/);
    expect(await slash(ANNA, 'help')).toMatch(/toets/);
    expect(await slash(ANNA, 'portfolio')).not.toBe('');
    expect(await slash(ANNA, 'blablabla')).not.toBe('');
    // Nothing but the outbox's approval request to Bram was posted anywhere.
    expect(fake.calls.filter((c) => c.method.startsWith('chat.') && !c.args.metadata)).toEqual([]);
    expect(fake.callsOf('response_url')).toEqual([]);
  });

  it('`/koers check <a sentence>` starts the conversation in the DM', async () => {
    const url = fake.responseUrl();
    await t.slack.command(
      slashCommand(ANNA, 'check mag ik met TU Delft een project over energie starten?', url),
    );
    const [question] = await waitForPosts(fake, dmOf(ANNA), 1);
    expect(textOf(question)).toMatch(/Wat voor partij is TU Delft\?/);
    await fake.waitFor(() => fake.callsOf('response_url').length === 1);
    expect(textOf(fake.callsOf('response_url')[0])).toMatch(/privébericht/);
    expect(fake.callsOf('views.open')).toEqual([]);
  });

  it('with the store held up, a slash command is still acknowledged within 3 s and answered through its response_url', async () => {
    // On PostgreSQL a lock wait leaves the event loop free (better-sqlite3 would block it: see the report).
    const pgApp = await startSlackApp({ fake, backend: 'postgres' });
    const holder = new pg.Client({ connectionString: PG_ADMIN_URL });
    try {
      await holder.connect();
      const schema = new URL(pgApp.databaseUrl).searchParams.get('schema');
      await holder.query('begin');
      await holder.query(`lock table ${schema}.processed_events in exclusive mode`); // Koers's dedupe write waits
      const started = Date.now();
      const r = await pgApp.slack.command(slashCommand(ANNA, 'help', fake.responseUrl()));
      const ackMs = Date.now() - started;
      expect(r.status).toBe(200);
      expect(r.body).toBe('');
      expect(ackMs).toBeLessThan(3000);
      // The turn is waiting on the lock (PostgreSQL says so), so it has answered nothing yet.
      const watcher = new pg.Client({ connectionString: PG_ADMIN_URL });
      await watcher.connect();
      try {
        await expect
          .poll(async () => {
            const w = await watcher.query(
              `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%processed_events%'`,
            );
            return (w.rows[0] as { n: number }).n;
          })
          .toBeGreaterThan(0);
      } finally {
        await watcher.end();
      }
      expect(fake.callsOf('response_url')).toEqual([]);
      await holder.query('commit');
      await fake.waitFor(() => fake.callsOf('response_url').length === 1);
      expect(fake.callsOf('response_url')[0]?.args).toMatchObject({ response_type: 'ephemeral' });
      expect(textOf(fake.callsOf('response_url')[0])).toMatch(/toets/);
    } finally {
      await holder.end();
      await pgApp.drop();
    }
  });

  it('the Home tab shows my cases, decisions waiting for me with their buttons, and decides from there', async () => {
    const caseId = await escalate('Deltares');
    await t.slack.event(homeOpened(ANNA));
    await t.slack.event(homeOpened(BRAM));
    await fake.waitFor(() => fake.callsOf('views.publish').length === 2);
    const homeOf = (user: string) => fake.callsOf('views.publish').find((c) => c.args.user_id === user);
    const [annaHome, bramHome] = [homeOf(ANNA), homeOf(BRAM)];
    expect(textOf(annaHome)).toMatch(/Deltares/);
    expect(buttonsOf(annaHome).filter((b) => b.action.type === 'decide')).toEqual([]);
    const approve = buttonsOf(bramHome).find(
      (b) => b.action.type === 'decide' && b.action.decision === 'approve',
    );
    expect(approve).toBeDefined();

    const { action: _a, ...element } = approve ?? { action: null };
    await t.slack.interaction(
      blockActions(BRAM, element as { action_id: string; value: string }, { home: true }),
    );
    await fake.waitFor(() => fake.callsOf('views.publish').length === 3);
    const after = fake.callsOf('views.publish')[2];
    expect(after?.args.user_id).toBe(BRAM);
    expect(buttonsOf(after).filter((b) => b.action.type === 'decide')).toEqual([]);
    const state = await t.app.parts.store.db
      .selectFrom('cases')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('approved');
    await fake.waitFor(() => outboxPosts(fake, 'C0STRATEGY').length === 1);
    // The answer to the click went to Bram's DM.
    expect(posts(fake, dmOf(BRAM)).some((p) => /Goedgekeurd/.test(textOf(p)))).toBe(true);
  });

  it('welcomes a person on their first Home visit, once, and never someone who has not come', async () => {
    await t.slack.event(homeOpened(BRAM));
    await fake.waitFor(() => fake.callsOf('views.publish').length === 1);
    expect(textOf(fake.callsOf('views.publish')[0])).toMatch(/Welkom bij Koers/);
    await t.slack.event(homeOpened(BRAM));
    await fake.waitFor(() => fake.callsOf('views.publish').length === 2);
    expect(textOf(fake.callsOf('views.publish')[1])).not.toMatch(/Welkom bij Koers/);
    // Nobody else was messaged: installation, or someone else's visit, is no first contact.
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('never writes the bot token or the signing secret to a log line or a row', async () => {
    await escalate('Deltares');
    await t.slack.command(slashCommand(ANNA, 'status', fake.responseUrl()));
    await t.slack.event(homeOpened(BRAM));
    await fake.waitFor(() => fake.callsOf('views.publish').length === 1);
    await t.slack.post('{"type":"event_callback"}', 'application/json', { secret: 'wrong' });
    await t.stop();
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'xoxb-']) expect(logs).not.toContain(secret);
    const db = await import('../../../src/store/open-store.js').then((m) => m.openStore(t.databaseUrl));
    try {
      for (const table of [
        'outbox',
        'audit_log',
        'processed_events',
        'conversation_state',
        'case_messages',
      ] as const) {
        const rows = await db.db.selectFrom(table).selectAll().execute();
        const text = JSON.stringify(rows);
        for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'xoxb-']) expect(text).not.toContain(secret);
      }
    } finally {
      await db.close();
    }
  });
});
