import { type Kysely, sql } from 'kysely';
import type { Backend } from '../backend.js';

export function initial(backend: Backend) {
  const pk = (name: string) =>
    backend === 'postgres'
      ? sql`${sql.ref(name)} serial primary key`
      : sql`${sql.ref(name)} integer primary key autoincrement`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('reports_to', 'text')
        .addColumn('email', 'text')
        .addColumn('slack_id', 'text', (c) => c.unique())
        .addColumn('teams_id', 'text', (c) => c.unique())
        .addColumn('language', 'text')
        .addColumn('absent_from', 'text')
        .addColumn('absent_until', 'text')
        .addColumn('delegate_id', 'text')
        .addColumn('unreachable_on', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_role').on('people').column('role').execute();

      await sql`create table relationships (
        ${pk('id')},
        partner text not null,
        partner_key text not null,
        partner_type text not null,
        priority text,
        intensity text not null,
        budget double precision not null default 0,
        months double precision not null default 0,
        owner_id text not null,
        unit text,
        status text not null check (status in ('planned', 'active', 'ended')),
        start_date text,
        end_date text,
        review_due text,
        case_id integer,
        direction text,
        confidential integer not null default 0,
        source text not null,
        created_at text not null,
        updated_at text not null
      )`.execute(db);
      await db.schema
        .createIndex('relationships_partner_key')
        .on('relationships')
        .columns(['partner_key', 'status'])
        .execute();
      await db.schema.createIndex('relationships_owner').on('relationships').column('owner_id').execute();
      await db.schema
        .createIndex('relationships_status_priority')
        .on('relationships')
        .columns(['status', 'priority'])
        .execute();
      // One relationship per case: registering a decided case twice is impossible.
      await sql`create unique index relationships_case on relationships (case_id) where case_id is not null`.execute(
        db,
      );

      await sql`create table cases (
        ${pk('id')},
        requester_id text not null,
        requester_role text not null,
        kind text not null,
        verdict text not null,
        state text not null,
        proposal text not null,
        result text not null,
        strategy_sha text not null,
        steps text not null,
        route_length integer not null,
        step integer not null default 0,
        assignee_id text,
        assigned_at text,
        version integer not null default 1,
        partner text not null,
        partner_key text not null,
        partner_type text not null,
        priority text,
        intensity text not null,
        budget double precision not null default 0,
        months double precision not null default 0,
        confidential integer not null default 0,
        platform text not null,
        info_question text,
        info_answer text,
        parent_case_id integer,
        created_at text not null,
        updated_at text not null,
        closed_at text
      )`.execute(db);
      await db.schema
        .createIndex('cases_state_assignee')
        .on('cases')
        .columns(['state', 'assignee_id'])
        .execute();
      await db.schema.createIndex('cases_requester').on('cases').columns(['requester_id', 'state']).execute();
      await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();
      // At most one exception request per advised-against check.
      await sql`create unique index cases_parent on cases (parent_case_id) where parent_case_id is not null`.execute(
        db,
      );

      await sql`create table decisions (
        ${pk('id')},
        case_id integer not null,
        version integer not null,
        step integer not null,
        step_role text not null,
        decider_id text not null,
        on_behalf_of text,
        action text not null,
        reason text,
        platform text not null,
        at text not null,
        unique (case_id, version)
      )`.execute(db);
      await db.schema.createIndex('decisions_at').on('decisions').column('at').execute();

      await sql`create table audit_log (
        seq integer primary key,
        at text not null,
        actor_id text not null,
        on_behalf_of text,
        action text not null,
        case_id integer,
        platform text not null,
        data text not null,
        prev_hash text not null,
        hash text not null
      )`.execute(db);
      await sql`create table audit_head (id integer primary key, seq integer not null, hash text not null)`.execute(
        db,
      );
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS})`.execute(db);
      if (backend === 'sqlite') {
        await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
          db,
        );
        await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
          db,
        );
      } else {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_change before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db);
      }

      await sql`create table outbox (
        ${pk('id')},
        dedupe_key text not null unique,
        kind text not null,
        platform text not null,
        target text not null,
        case_id integer,
        payload text not null,
        status text not null default 'pending',
        attempts integer not null default 0,
        next_attempt_at text not null,
        locked_until text,
        locked_by text,
        last_error text,
        platform_ref text,
        created_at text not null,
        sent_at text
      )`.execute(db);
      await db.schema
        .createIndex('outbox_due')
        .on('outbox')
        .columns(['status', 'platform', 'next_attempt_at'])
        .execute();

      await db.schema
        .createTable('processed_events')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('ref', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('conversation_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('Koers migrations are forward-only');
    },
  };
}

export const GENESIS = '0'.repeat(64);
