// The periodic reviews' rows: which active relationships are due for review (and not yet asked),
// the prompts claimed for them (review_prompts), the answers (reviews) and the relationship's next
// review date. Who is asked and when, and what an answer changes, is the review job's; these are
// its statements.
import { sql } from 'kysely';
import type { Backend } from './backend.js';
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

/** A relationship as the owner's review question shows it. */
export interface ReviewRelationshipRow {
  id: number;
  partner: string;
  confidential: number;
  priority: string | null;
  intensity: string;
  budget: number;
  start_date: string | null;
  review_due: string | null;
  owner_id: string;
}

/** A relationship due for review, with the platforms its owner can be reached on. */
export interface DueReviewRow extends ReviewRelationshipRow {
  slack_id: string | null;
  teams_id: string | null;
}

export type RelationshipStatus = 'planned' | 'active' | 'ended';

/**
 * Active relationships whose review date is on or before `today`, not prompted for that date yet,
 * of owners who had no review message today (their day's key, `ownerDayKey.prefix` || owner id ||
 * `ownerDayKey.suffix`, is not claimed), oldest review date first, at most `limit`.
 */
export async function dueForReview(
  db: Db,
  today: string,
  ownerDayKey: { prefix: string; suffix: string },
  limit: number,
): Promise<DueReviewRow[]> {
  return (
    sqlOf(db)
      .selectFrom('relationships as r')
      .leftJoin('people as o', 'o.id', 'r.owner_id')
      .select([
        'r.id',
        'r.partner',
        'r.confidential',
        'r.priority',
        'r.intensity',
        'r.budget',
        'r.start_date',
        'r.review_due',
        'r.owner_id',
        'o.slack_id',
        'o.teams_id',
      ])
      .where('r.status', '=', 'active')
      .where('r.review_due', '<=', today)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('review_prompts as p')
              .select(sql.lit(1).as('one'))
              .whereRef('p.relationship_id', '=', 'r.id')
              .whereRef('p.due_date', '=', 'r.review_due'),
          ),
        ),
      )
      // Owners who had their message today wait for tomorrow (and do not crowd out the others).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('processed_events as e')
              .select(sql.lit(1).as('one'))
              .where(
                'e.key',
                '=',
                sql<string>`cast(${ownerDayKey.prefix} as text) || r.owner_id || cast(${ownerDayKey.suffix} as text)`,
              ),
          ),
        ),
      )
      .orderBy('r.review_due')
      .orderBy('r.id')
      .limit(limit)
      .execute()
  );
}

/**
 * Claims the prompt of each relationship for its review date, in the caller's unit of work;
 * returns the relationship ids this call claimed (a prompt already claimed stays as it is).
 */
export async function claimReviewPrompts(
  tx: Tx,
  prompts: ReadonlyArray<{ relationshipId: number; dueDate: string }>,
  at: string,
): Promise<number[]> {
  const claimed = await trxOf(tx)
    .insertInto('review_prompts')
    .values(prompts.map((p) => ({ relationship_id: p.relationshipId, due_date: p.dueDate, at })))
    .onConflict((oc) => oc.columns(['relationship_id', 'due_date']).doNothing())
    .returning('relationship_id')
    .execute();
  return claimed.map((c) => Number(c.relationship_id));
}

/** The active relationship `id` if `ownerId` owns it. */
export async function ownedActiveRelationship(
  db: Db,
  ownerId: string,
  id: number,
): Promise<ReviewRelationshipRow | undefined> {
  return sqlOf(db)
    .selectFrom('relationships')
    .select([
      'id',
      'partner',
      'confidential',
      'priority',
      'intensity',
      'budget',
      'start_date',
      'review_due',
      'owner_id',
    ])
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** What answering a review reads of the relationship, locked until the unit of work ends (PostgreSQL). */
export async function relationshipToReview(
  tx: Tx,
  backend: Backend,
  id: number,
): Promise<
  | {
      id: number;
      owner_id: string;
      status: RelationshipStatus;
      review_due: string | null;
      end_date: string | null;
      case_id: number | null;
    }
  | undefined
> {
  let q = trxOf(tx)
    .selectFrom('relationships')
    .select(['id', 'owner_id', 'status', 'review_due', 'end_date', 'case_id'])
    .where('id', '=', id);
  if (backend === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface NewReview {
  relationshipId: number;
  reviewerId: string;
  outcome: 'continue' | 'adjust' | 'end';
  delivered: string;
  rating: number | null;
  /** The review date answered. */
  dueDate: string | null;
  platform: string;
  at: string;
}

/** Inserts the answer; returns its id. UNIQUE(relationship_id, due_date) refuses a second one. */
export async function insertReview(tx: Tx, review: NewReview): Promise<number> {
  const inserted = await trxOf(tx)
    .insertInto('reviews')
    .values({
      relationship_id: review.relationshipId,
      reviewer_id: review.reviewerId,
      outcome: review.outcome,
      delivered: review.delivered,
      rating: review.rating,
      due_date: review.dueDate,
      platform: review.platform,
      at: review.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * Sets the relationship's status, next review date and end date, compare-and-set on the review
 * date the answer was for (`reviewedDue`); false when that date has moved meanwhile.
 */
export async function moveReviewDue(
  tx: Tx,
  id: number,
  reviewedDue: string | null,
  next: { status: RelationshipStatus; review_due: string | null; end_date: string | null },
  at: string,
): Promise<boolean> {
  let update = trxOf(tx)
    .updateTable('relationships')
    .set({ ...next, updated_at: at })
    .where('id', '=', id);
  update =
    reviewedDue === null
      ? update.where('review_due', 'is', null)
      : update.where('review_due', '=', reviewedDue);
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
}
