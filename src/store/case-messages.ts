// Where each message about a case went, on either platform, so that a later change of the case
// updates every one of them in place: one place for both channels. A platform's reference is its
// own JSON (Slack: channel and ts; Teams: the conversation's key and the activity id); a
// reference is recorded once.
import { type Db, sqlOf } from './store-handle.js';

export interface TrackedMessage {
  caseId: number;
  platform: 'slack' | 'teams';
  /** The person the message was for; null for a channel post. */
  personId: string | null;
  ref: string;
  at: string;
}

export async function trackCaseMessage(db: Db, m: TrackedMessage): Promise<void> {
  await sqlOf(db)
    .insertInto('case_messages')
    .values({ case_id: m.caseId, platform: m.platform, person_id: m.personId, ref: m.ref, created_at: m.at })
    .onConflict((oc) => oc.columns(['platform', 'ref']).doNothing())
    .execute();
}

/** A message posted anew in place of one the platform could not update: the record follows it. */
export async function replaceCaseMessageRef(
  db: Db,
  platform: 'slack' | 'teams',
  from: string,
  to: string,
): Promise<void> {
  await sqlOf(db)
    .updateTable('case_messages')
    .set({ ref: to })
    .where('platform', '=', platform)
    .where('ref', '=', from)
    .execute();
}

/** The messages posted about a case on one platform, oldest first: what a change updates. */
export async function caseMessageRefsOf(
  db: Db,
  caseId: number,
  platform: 'slack' | 'teams',
): Promise<Array<{ ref: string; personId: string | null }>> {
  const rows = await sqlOf(db)
    .selectFrom('case_messages')
    .select(['ref', 'person_id'])
    .where('case_id', '=', caseId)
    .where('platform', '=', platform)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ref: r.ref, personId: r.person_id }));
}

/** The record of one store, as the channels' senders use it. */
export function caseMessageLog(db: Db) {
  return {
    track: (m: TrackedMessage) => trackCaseMessage(db, m),
    replace: (platform: 'slack' | 'teams', from: string, to: string) =>
      replaceCaseMessageRef(db, platform, from, to),
  };
}
