// Periodic reviews of relationships (evaluatie / ijkmoment). When a relationship's review date
// comes, its owner is asked: at most one message a day per owner (a `review_request` outbox row
// per platform they are on) listing at most REVIEWS_PER_MESSAGE of their due relationships; the
// rest come on the next days. The owner's day and each relationship's prompt are claimed
// (processed_events, review_prompts) in the transaction that enqueues the message, so several
// instances ask once.
// The owner answers continue / adjust / end, what it delivered and a rating; the answer is
// stored, the next review date set review.everyMonths later, and `end` ends the relationship.
import type { BothLanguages } from '../domain/digest/digest-model.js';
import { localDate } from '../domain/digest/period.js';
import { nextReviewDue, parseReviewAnswer, type ReviewAnswer } from '../domain/digest/review-answer.js';
import { localize, type Strategy } from '../domain/strategy/compile-strategy.js';
import { isStoredId } from '../domain/workflow/case-id.js';
import { appendAudit } from '../store/audit-log.js';
import type { Backend } from '../store/backend.js';
import { enqueue, type OutboxMessage } from '../store/outbox.js';
import { claimKey } from '../store/processed-events.js';
import {
  claimReviewPrompts,
  type DueReviewRow,
  dueForReview,
  insertReview,
  moveReviewDue,
  ownedActiveRelationship,
  type ReviewRelationshipRow,
  relationshipToReview,
} from '../store/review-repo.js';
import { type Db, inUnitOfWork, type Tx } from '../store/store-handle.js';
import { isConflict } from '../workflow/case-writes.js';
import type { ChatPlatform } from '../workflow/notifications.js';
import type { Actor } from '../workflow/workflow-deps.js';

export interface ReviewDeps {
  db: Db;
  backend: Backend;
  strategy: () => Strategy;
  clock: () => Date;
  platforms: () => ReadonlyArray<ChatPlatform>;
}

/** What the owner is asked about: enough to render the question without the store. */
export interface ReviewSubject {
  relationshipId: number;
  partner: string;
  confidential: boolean;
  priority: string | null;
  priorityName: BothLanguages | null;
  intensity: string;
  intensityName: BothLanguages;
  budget: number;
  currency: string;
  startDate: string | null;
  dueDate: string;
  ownerId: string;
}

/** Relationships one review message lists at most. */
export const REVIEWS_PER_MESSAGE = 10;

/** The outbox payload of a `review_request` row (target: { person: owner }). */
export interface ReviewRequestPayload {
  /** The owner's day (in the organisation's time zone) this message is for. */
  date: string;
  subjects: ReviewSubject[];
  /** Due relationships of the owner left for the next days (at least this many). */
  more: number;
}

const OWNER_DAY_PREFIX = 'review-owner:';
/** The run key that allows an owner one review message on `date`. */
const ownerDayKey = (ownerId: string, date: string) => `${OWNER_DAY_PREFIX}${ownerId}:${date}`;

export async function promptDueReviews(deps: ReviewDeps, limit = 200): Promise<{ prompted: number[] }> {
  const strategy = deps.strategy();
  const now = deps.clock();
  const today = localDate(now, strategy.file.digest.timezone);
  const due = await dueForReview(deps.db, today, { prefix: OWNER_DAY_PREFIX, suffix: `:${today}` }, limit);
  if (due.length === 0) return { prompted: [] };
  const at = now.toISOString();
  const platforms = deps.platforms();
  const byOwner = new Map<string, DueReviewRow[]>();
  for (const r of due) byOwner.set(r.owner_id, [...(byOwner.get(r.owner_id) ?? []), r]);
  const prompted = await inUnitOfWork(deps.db, async (tx) => {
    const mine: number[] = [];
    const messages: OutboxMessage[] = [];
    for (const [ownerId, rows] of byOwner) {
      if (!(await claimKey(tx, ownerDayKey(ownerId, today), null, at))) continue;
      const listed = rows.slice(0, REVIEWS_PER_MESSAGE);
      const claimed = await claimReviewPrompts(
        tx,
        listed.map((r) => ({ relationshipId: Number(r.id), dueDate: r.review_due as string })),
        at,
      );
      const ids = new Set(claimed);
      const subjects = listed.filter((r) => ids.has(Number(r.id))).map((r) => subjectOf(strategy, r));
      if (subjects.length === 0) continue;
      mine.push(...subjects.map((x) => x.relationshipId));
      const payload: ReviewRequestPayload = { date: today, subjects, more: rows.length - listed.length };
      for (const platform of platforms) {
        if (!reachable(ownerId, platform, rows[0] as (typeof rows)[number])) continue;
        messages.push({
          dedupeKey: `review:${ownerId}:${today}:${platform}`,
          kind: 'review_request',
          platform,
          target: { person: ownerId },
          payload: { ...payload },
        });
      }
    }
    await enqueue(tx, at, messages);
    return mine;
  });
  return { prompted };
}

function subjectOf(strategy: Strategy, r: ReviewRelationshipRow): ReviewSubject {
  return {
    relationshipId: Number(r.id),
    partner: r.partner,
    confidential: Number(r.confidential) === 1,
    priority: r.priority,
    priorityName: r.priority === null ? null : namesOf(strategy.priorities.get(r.priority)?.name, r.priority),
    intensity: r.intensity,
    intensityName: namesOf(strategy.intensities.get(r.intensity)?.name, r.intensity),
    budget: Number(r.budget),
    currency: strategy.currency,
    startDate: r.start_date,
    dueDate: r.review_due as string,
    ownerId: r.owner_id,
  };
}

/**
 * What the review form of one relationship shows, for its owner only (the partner may be
 * confidential); null when it is not theirs, has no review date, or does not exist.
 */
export async function reviewSubjectFor(
  deps: Pick<ReviewDeps, 'db' | 'strategy'>,
  ownerId: string,
  relationshipId: number,
): Promise<ReviewSubject | null> {
  if (!isStoredId(relationshipId)) return null;
  const r = await ownedActiveRelationship(deps.db, ownerId, relationshipId);
  return r && r.review_due !== null ? subjectOf(deps.strategy(), r) : null;
}

function reachable(
  ownerId: string,
  platform: ChatPlatform,
  r: Pick<DueReviewRow, 'slack_id' | 'teams_id'>,
): boolean {
  // People the directory does not know are named by their platform id (slack:U…, teams:…).
  if (ownerId.startsWith('slack:')) return platform === 'slack';
  if (ownerId.startsWith('teams:')) return platform === 'teams';
  return platform === 'slack' ? r.slack_id !== null : r.teams_id !== null;
}

function namesOf(text: Parameters<typeof localize>[0], fallback: string): BothLanguages {
  return { nl: localize(text, 'nl') || fallback, en: localize(text, 'en') || fallback };
}

export type ReviewRefusal = 'not_found' | 'not_owner' | 'ended' | 'invalid_answer' | 'already_reviewed';

export type SubmitReviewOutcome =
  | {
      ok: true;
      reviewId: number;
      answer: ReviewAnswer;
      relationship: {
        id: number;
        status: 'active' | 'planned' | 'ended';
        reviewDue: string | null;
        endDate: string | null;
      };
    }
  | { ok: false; refusal: ReviewRefusal; problems?: Array<{ field: string; message: string }> };

/**
 * The owner's answer to a review. Only the owner may answer; refusals are values. `dueDate` is
 * the review date the question was about (from the request's action): a second click on the same
 * form then finds the date moved and records nothing.
 */
export async function submitReview(
  deps: ReviewDeps,
  actor: Actor,
  relationshipId: number,
  raw: unknown,
  options: { dueDate?: string | null } = {},
): Promise<SubmitReviewOutcome> {
  const parsed = parseReviewAnswer(raw);
  if (!parsed.ok) return { ok: false, refusal: 'invalid_answer', problems: parsed.problems };
  const answer = parsed.answer;
  const strategy = deps.strategy();
  const now = deps.clock();
  const at = now.toISOString();
  const today = localDate(now, strategy.file.digest.timezone);
  try {
    return await inUnitOfWork(deps.db, async (tx) => {
      const rel = await loadForUpdate(deps, tx, relationshipId);
      if (!rel) return { ok: false as const, refusal: 'not_found' as const };
      if (rel.owner_id !== actor.personId) return { ok: false as const, refusal: 'not_owner' as const };
      if (rel.status === 'ended') return { ok: false as const, refusal: 'ended' as const };
      if (options.dueDate !== undefined && options.dueDate !== rel.review_due)
        return { ok: false as const, refusal: 'already_reviewed' as const };
      const reviewId = await insertReview(tx, {
        relationshipId,
        reviewerId: actor.personId,
        outcome: answer.outcome,
        delivered: answer.delivered,
        rating: answer.rating,
        dueDate: rel.review_due,
        platform: actor.platform,
        at,
      });
      const ends = answer.outcome === 'end';
      const next = {
        status: ends ? ('ended' as const) : rel.status,
        review_due: ends ? null : nextReviewDue(today, strategy.file.review.everyMonths),
        end_date: ends ? today : rel.end_date,
      };
      if (!(await moveReviewDue(tx, relationshipId, rel.review_due, next, at)))
        return { ok: false as const, refusal: 'already_reviewed' as const };
      await appendAudit(tx, deps.backend, {
        at,
        actorId: actor.personId,
        action: ends ? 'relationship_ended' : 'reviewed',
        caseId: rel.case_id === null ? null : Number(rel.case_id),
        platform: actor.platform,
        data: {
          relationshipId,
          outcome: answer.outcome,
          rating: answer.rating,
          dueDate: rel.review_due,
          nextReviewDue: next.review_due,
        },
      });
      return {
        ok: true as const,
        reviewId,
        answer,
        relationship: {
          id: relationshipId,
          status: next.status,
          reviewDue: next.review_due,
          endDate: next.end_date,
        },
      };
    });
  } catch (err) {
    // The same review date answered twice at once: UNIQUE(relationship_id, due_date).
    if (isConflict(err)) return { ok: false, refusal: 'already_reviewed' };
    throw err;
  }
}

async function loadForUpdate(deps: ReviewDeps, tx: Tx, id: number) {
  if (!isStoredId(id)) return undefined;
  return relationshipToReview(tx, deps.backend, id);
}
