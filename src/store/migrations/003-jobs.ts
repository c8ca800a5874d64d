import { type Kysely, sql } from 'kysely';
import type { Backend } from '../backend.js';

/**
 * Scheduled work: digest runs (claimed by run key, with a lease, holding the digest and its chart
 * so a resumed or re-sent post shows the same), the scheduler's state (its first start) and its
 * SQLite lease, relationship reviews and the review prompts already sent, and the rule codes of
 * each check (derived from cases.result, for the digest's calibration).
 */
export function jobs(backend: Backend) {
  const pk = backend === 'postgres' ? sql`id serial primary key` : sql`id integer primary key autoincrement`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create table digest_runs (
        run_key text primary key,
        occurrence_at text not null,
        period_label text not null,
        period_start text not null,
        period_end text not null,
        trigger text not null,
        status text not null check (status in ('claimed', 'done')),
        claimed_by text not null,
        lease_until text not null,
        attempts integer not null default 1,
        digest text,
        chart_png text,
        created_at text not null,
        updated_at text not null,
        done_at text
      )`.execute(db);
      await db.schema
        .createIndex('digest_runs_occurrence')
        .on('digest_runs')
        .column('occurrence_at')
        .execute();
      await sql`create table job_state (key text primary key, value text not null, updated_at text not null)`.execute(
        db,
      );
      await sql`create table scheduler_leases (
        name text primary key,
        holder text not null,
        acquired_at text not null,
        heartbeat_at text not null
      )`.execute(db);
      await sql`create table reviews (
        ${pk},
        relationship_id integer not null,
        reviewer_id text not null,
        outcome text not null check (outcome in ('continue', 'adjust', 'end')),
        delivered text not null,
        rating integer check (rating between 1 and 5),
        due_date text,
        platform text not null,
        at text not null,
        unique (relationship_id, due_date)
      )`.execute(db);
      await db.schema.createIndex('reviews_relationship').on('reviews').column('relationship_id').execute();
      await db.schema.createIndex('reviews_at').on('reviews').column('at').execute();
      await sql`create table review_prompts (
        relationship_id integer not null,
        due_date text not null,
        at text not null,
        primary key (relationship_id, due_date)
      )`.execute(db);
      // The rule codes each check fired (from its stored result), kept by the digest as it goes,
      // so calibration counts them without parsing every result in the window again.
      await sql`create table case_rules (
        case_id integer not null,
        code text not null,
        created_at text not null,
        primary key (case_id, code)
      )`.execute(db);
      await db.schema
        .createIndex('case_rules_created')
        .on('case_rules')
        .columns(['created_at', 'code'])
        .execute();
      // The digest and the review prompts read the register by these, never by a full scan.
      await db.schema
        .createIndex('relationships_review_due')
        .on('relationships')
        .columns(['status', 'review_due'])
        .execute();
      await db.schema.createIndex('relationships_created').on('relationships').column('created_at').execute();
      await db.schema
        .createIndex('relationships_ended')
        .on('relationships')
        .columns(['status', 'end_date'])
        .execute();
      // Cover the fragmentation (GROUP BY partner_key, distinct units and owners) and the units
      // with the most partners (GROUP BY unit, distinct partner keys): index-only scans.
      await db.schema
        .createIndex('relationships_fragmentation')
        .on('relationships')
        .columns(['status', 'partner_key', 'unit', 'owner_id'])
        .execute();
      await db.schema
        .createIndex('relationships_units')
        .on('relationships')
        .columns(['status', 'unit', 'partner_key'])
        .execute();
      // Covers the portfolio mix (GROUP BY priority, intensity with SUM(budget)) without the table.
      await db.schema
        .createIndex('relationships_mix')
        .on('relationships')
        .columns(['status', 'priority', 'intensity', 'budget'])
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('Koers migrations are forward-only');
    },
  };
}
