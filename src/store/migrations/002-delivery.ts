import { type Kysely, sql } from 'kysely';
import type { Backend } from '../backend.js';

/** Where messages about a case were posted (to update them in place), and Teams conversation references. */
export function delivery(backend: Backend) {
  const pk = backend === 'postgres' ? sql`id serial primary key` : sql`id integer primary key autoincrement`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create table case_messages (
        ${pk},
        case_id integer not null,
        platform text not null,
        person_id text,
        ref text not null,
        created_at text not null,
        unique (platform, ref)
      )`.execute(db);
      await db.schema
        .createIndex('case_messages_case')
        .on('case_messages')
        .columns(['case_id', 'platform'])
        .execute();
      await sql`create table conversation_refs (
        key text primary key,
        platform text not null,
        person_id text,
        reference text not null,
        unreachable_at text,
        updated_at text not null
      )`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('Koers migrations are forward-only');
    },
  };
}
