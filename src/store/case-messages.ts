// Where each message about a case went, on either platform, so that a later change of the case
// updates every one of them in place: one place for both channels. A platform's reference is its
// own JSON (Slack: channel and ts; Teams: the conversation's key and the activity id); a
// reference is recorded once.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface TrackedMessage {
  caseId: number;
  platform: 'slack' | 'teams';
  /** The person the message was for; null for a channel post. */
  personId: string | null;
  ref: string;
  at: string;
}

export async function trackCaseMessage(db: Kysely<Database>, m: TrackedMessage): Promise<void> {
  await db
    .insertInto('case_messages')
    .values({ case_id: m.caseId, platform: m.platform, person_id: m.personId, ref: m.ref, created_at: m.at })
    .onConflict((oc) => oc.columns(['platform', 'ref']).doNothing())
    .execute();
}

/** A message posted anew in place of one the platform could not update: the record follows it. */
export async function replaceCaseMessageRef(
  db: Kysely<Database>,
  platform: 'slack' | 'teams',
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable('case_messages')
    .set({ ref: to })
    .where('platform', '=', platform)
    .where('ref', '=', from)
    .execute();
}
