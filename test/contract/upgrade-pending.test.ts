// An upgrade must not lose what was in flight: notifications waiting in the outbox, and a guided
// check someone is halfway through. The database is built at the PREVIOUS schema version (every
// migration but the latest), filled with rows as today's code writes them, then brought to the
// latest version; the app started on it delivers the waiting rows and continues the check.
//
// The rows come from today's code, not from hand-written SQL: a workflow and a chat service on a
// scratch database at the latest version make the cases, decisions, outbox rows and the saved
// conversation, and those rows are copied (the columns the previous version has) into the old
// database. So the shapes are the ones the current writers produce, and a migration that changed
// how those rows are read would show here.
//
// The latest migration today (011-no-word-variants) drops a table of the partner word index only: the
// outbox, cases and conversation_state tables are the same at both versions. The test is kept all the
// same: it guards the next migration that touches them.
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/store/backend.js';
import { migrations } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { openStore } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/schema.js';
import { textOf, waitForPosts } from '../integration/slack/slack-helpers.js';
import { type SlackTestApp, startSlackApp } from '../integration/slack/slack-test-app.js';
import { type ChatFixture, chatFixture, viewText } from '../support/chat-fixture.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { escalatedCase } from '../support/proposals.js';
import { dmMessage } from '../support/slack-sender.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';

const ANNA = 'U_u-anna';
const BRAM = 'U_u-bram';
const STRATEGY = 'C0STRATEGY';

/** The tables the rows in flight live in, and what they refer to (copied whole). */
const TABLES = [
  'people',
  'cases',
  'decisions',
  'relationships',
  'partner_words',
  'case_rules',
  'audit_log',
  'audit_head',
  'outbox',
  'conversation_state',
] as const;

/** The tables whose ids PostgreSQL draws from a sequence. */
const SERIAL = new Set<string>(['cases', 'decisions', 'relationships', 'outbox']);

/** Brings a new database to the version before the latest, as a Koers one release older left it. */
async function migrateToPrevious(db: Kysely<Database>, backend: Backend, schema: string): Promise<string> {
  const all: Record<string, Migration> = migrations(backend);
  const names = Object.keys(all);
  const previous = names.at(-2);
  if (!previous) throw new Error('fewer than two migrations');
  // Kysely's Migrator reads every schema on the server; one dropped by another test at that
  // moment makes it fail (as src/store/migrate.ts knows): tried again.
  for (let attempt = 1; ; attempt++) {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => all },
      allowUnorderedMigrations: true,
      migrationTableName: 'koers_migrations',
      migrationLockTableName: 'koers_migrations_lock',
      ...(backend === 'postgres' ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateTo(previous);
    if (!error) return previous;
    if (attempt >= 5) throw error;
  }
}

async function columnsOf(db: Kysely<Database>, backend: Backend, schema: string, table: string) {
  if (backend === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = ${schema} and table_name = ${table}`.execute(db);
    return new Set(rows.map((r) => r.name));
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/** Copies `TABLES` from `from` into `to`, each row cut to the columns `to` has. */
async function copyRows(
  from: Kysely<Database>,
  to: Kysely<Database>,
  backend: Backend,
  schema: string,
): Promise<void> {
  for (const table of TABLES) {
    const columns = await columnsOf(to, backend, schema, table);
    expect(columns.size, `${table} exists at the previous version`).toBeGreaterThan(0);
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(from);
    // audit_head holds one row from the start: the donor's replaces it.
    if (table === 'audit_head') await sql`delete from audit_head`.execute(to);
    for (const row of rows.rows) {
      const kept = Object.entries(row).filter(([k]) => columns.has(k));
      await sql`insert into ${sql.table(table)} (${sql.join(kept.map(([k]) => sql.ref(k)))})
        values (${sql.join(kept.map(([, v]) => v))})`.execute(to);
    }
    // Rows copied with their ids: the sequences go past them, as they had in the donor.
    if (backend === 'postgres' && SERIAL.has(table) && rows.rows.length > 0)
      await sql`select setval(pg_get_serial_sequence(${`"${schema}"."${table}"`}, 'id'),
        (select max(id) from ${sql.table(table)}))`.execute(to);
  }
}

describe.each(BACKENDS)('an upgrade with work in flight (%s)', (backend) => {
  let donor: ChatFixture;
  let fake: FakeSlack;
  let old: { url: string; drop: () => Promise<void> };
  let t: SlackTestApp | null = null;
  beforeEach(async () => {
    donor = await chatFixture(backend);
    fake = await startFakeSlack();
    old = await freshDatabaseUrl(backend);
  });
  afterEach(async () => {
    await t?.stop();
    t = null;
    await fake.close();
    await donor.drop();
    await old.drop();
  });

  it('the outbox rows waiting before the upgrade are delivered after it, and a half-done check goes on at its step', async () => {
    // ---- what today's code leaves in flight --------------------------------------------------
    const ddb = donor.ts.store.db;
    // A case waiting for Bram: its approval request not yet sent.
    const waiting = await escalatedCase(donor.wf, 'Deltares');
    // A day on, Bram is reminded of it (the reminder waits too).
    donor.clock.advanceHours(25);
    await donor.wf.runEscalationTimers();
    // A case Bram approved: its request had gone out, the decision's notifications had not.
    const decided = await escalatedCase(donor.wf, 'Wageningen University');
    await ddb
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: donor.clock.now().toISOString(), attempts: 1 })
      .where('case_id', '=', decided.id)
      .execute();
    const approved = await donor.wf.decide(
      { personId: 'u-bram', platform: 'slack' },
      { action: 'approve', caseId: decided.id, step: 0, version: 1 },
    );
    expect(approved).toMatchObject({ ok: true, action: 'approve' });
    // Anna is halfway through a typed check: partner, type and budget given, the months asked.
    const anna = { platform: 'slack' as const, userId: ANNA };
    const say = async (text: string) =>
      (await donor.chat.handle(anna, { kind: 'text', text })).views.map(viewText).join('\n');
    await say('mag ik met TU Delft een project over energie starten?');
    await say('1');
    expect(await say('30000')).toContain('Hoeveel maanden loopt het?');

    const pending = await ddb
      .selectFrom('outbox')
      .select(['kind', 'dedupe_key', 'target'])
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    expect(pending.map((r) => r.kind).sort()).toEqual([
      'approval_request',
      'case_update',
      'reminder',
      'requester_update',
      'strategy_summary',
    ]);
    const saved = await ddb.selectFrom('conversation_state').selectAll().execute();
    expect(saved.map((s) => s.key)).toEqual([`conv:slack:${ANNA}`]);

    // ---- the database at the previous version, holding those rows ------------------------------
    const before = openDatabase(old.url);
    const schema = before.schema ?? 'public';
    const previous = await migrateToPrevious(before.db, backend, schema);
    await copyRows(ddb, before.db, backend, schema);
    await before.close();

    // ---- the upgrade ---------------------------------------------------------------------------
    const upgraded = await openStore(old.url);
    await upgraded.close();
    const names = Object.keys(migrations(backend));
    expect(previous).toBe(names.at(-2));
    expect(upgraded.migrated).toEqual([names.at(-1)]);

    // ---- the app after the upgrade delivers what waited ----------------------------------------
    t = await startSlackApp({ fake, databaseUrl: old.url });
    const db = t.app.parts.store.db;
    const [request, reminder] = await waitForPosts(fake, dmOf(BRAM), 2);
    expect(textOf(request)).toContain('Samenwerking met Deltares');
    expect(textOf(request)).toContain('Anna de Vries vraagt om een besluit');
    expect(textOf(reminder)).toContain('Herinnering: er wacht een besluit');
    expect(textOf(reminder)).toContain('Deltares');
    const [told] = await waitForPosts(fake, dmOf(ANNA), 1);
    expect(textOf(told)).toMatch(/Uw voorstel voor Wageningen University is goedgekeurd door Bram Bakker/);
    const [summary] = await waitForPosts(fake, STRATEGY, 1);
    expect(textOf(summary)).toContain('Goedgekeurd door Bram Bakker (Teamleider): Wageningen University.');
    const byKey = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('outbox')
            .select(['dedupe_key', 'status'])
            .where(
              'dedupe_key',
              'in',
              pending.map((p) => p.dedupe_key),
            )
            .execute()
        ).map((r) => [r.dedupe_key, r.status]),
      );
    await expect
      .poll(byKey, { timeout: 10_000 })
      .toEqual(Object.fromEntries(pending.map((p) => [p.dedupe_key, 'sent'])));
    // Each waiting message went out once.
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf(BRAM))).toHaveLength(2);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf(ANNA))).toHaveLength(1);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === STRATEGY)).toHaveLength(1);
    // Bram's approval request can be decided: the case waits for him as it did before.
    expect(
      await db
        .selectFrom('cases')
        .select(['state', 'assignee_id'])
        .where('id', '=', waiting.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      state: 'open',
      assignee_id: 'u-bram',
    });

    // ---- Anna's next message continues her check where she was -------------------------------
    const annaSays = async (text: string) => {
      const n = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf(ANNA)).length;
      await t?.slack.event(dmMessage(ANNA, text));
      const all = await waitForPosts(fake, dmOf(ANNA), n + 1);
      return all.slice(n).map(textOf).join('\n');
    };
    const next = await annaSays('6');
    expect(next).toContain('Vraag 7 van 8');
    expect(next).toContain('Wie heeft wie nodig?');
    expect(next).not.toContain('Wat voor partij is');
    await annaSays('1');
    const summaryShown = await annaSays('nee');
    // The answers given before the upgrade are all still there.
    expect(summaryShown).toContain('TU Delft');
    expect(summaryShown).toContain('Kennisinstelling');
    expect(summaryShown).toMatch(/€\s30\.000/);
    expect(summaryShown).toContain('6 maanden');
    expect(await annaSays('ja')).toContain('Voorgelegd aan Bram Bakker (Teamleider)');
    expect(
      await db
        .selectFrom('cases')
        .select(['partner', 'budget', 'months', 'state', 'assignee_id'])
        .where('partner', '=', 'TU Delft')
        .executeTakeFirstOrThrow(),
    ).toEqual({ partner: 'TU Delft', budget: 30_000, months: 6, state: 'open', assignee_id: 'u-bram' });
  });
});
