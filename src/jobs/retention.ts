// How long Koers keeps the records it needs only for a while (docs/reliability.md, "What Koers
// keeps, and for how long"). Once a day one instance (the day is claimed by its run key, as the
// other scheduled jobs are) deletes, in batches:
// - dedupe keys of platform events (and of the submits they made): after 24 hours; retries and
//   replays come within minutes;
// - reminder and pass-up claims: once their case is closed (no timer runs on a closed case);
// - outbox rows that were sent: after 30 days (dead ones stay, for the operator);
// - where each case's messages were posted (to update them in place): 30 days after the case closed;
// - a person's conversation state: 30 days after their last turn;
// - the scheduler's own day claims (review prompts, this job): after 30 days.
// Cases, decisions, the audit log and the register are records of the organisation: kept.
import type { Logger } from 'pino';
import { claimKey } from '../store/processed-events.js';
import {
  claimedKeysAfter,
  closedCaseIdsAmong,
  deleteClaimedKeys,
  deleteClaimedKeysNamed,
  deleteClosedCaseMessages,
  deleteIdleConversationState,
  deleteSentOutbox,
} from '../store/retention-repo.js';
import type { Db } from '../store/store-handle.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const RETENTION = {
  eventKeysMs: 24 * HOUR_MS,
  sentOutboxMs: 30 * DAY_MS,
  caseMessagesAfterCloseMs: 30 * DAY_MS,
  conversationStateMs: 30 * DAY_MS,
  dayClaimsMs: 30 * DAY_MS,
} as const;

const BATCH = 1000;

export interface RetentionReport {
  ran: boolean;
  eventKeys: number;
  timerClaims: number;
  sentOutbox: number;
  caseMessages: number;
  conversations: number;
  dayClaims: number;
}

export interface RetentionDeps {
  db: Db;
  clock: () => Date;
  logger?: Logger;
}

/** Key prefixes in processed_events, by what the keys are for. */
const EVENT_PREFIXES = ['event:', 'submit:'];
const TIMER_PREFIXES = ['remind:', 'stuck:'];
const DAY_PREFIXES = ['review-owner:', 'retention:'];

/** Runs the day's retention once across instances; `ran` is false when another instance has. */
export async function runRetention(deps: RetentionDeps): Promise<RetentionReport> {
  const now = deps.clock();
  const report: RetentionReport = {
    ran: false,
    eventKeys: 0,
    timerClaims: 0,
    sentOutbox: 0,
    caseMessages: 0,
    conversations: 0,
    dayClaims: 0,
  };
  const day = now.toISOString().slice(0, 10);
  if (!(await claimKey(deps.db, `retention:${day}`, null, now.toISOString()))) return report;
  report.ran = true;
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const db = deps.db;

  for (const prefix of EVENT_PREFIXES)
    report.eventKeys += await inBatches(() => deleteKeys(db, prefix, before(RETENTION.eventKeysMs)));
  for (const prefix of DAY_PREFIXES)
    report.dayClaims += await inBatches(() => deleteKeys(db, prefix, before(RETENTION.dayClaimsMs)));
  for (const prefix of TIMER_PREFIXES) report.timerClaims += await deleteClosedTimerClaims(db, prefix);
  report.sentOutbox = await inBatches(() => deleteSentOutbox(db, before(RETENTION.sentOutboxMs), BATCH));
  report.caseMessages = await inBatches(() =>
    deleteClosedCaseMessages(db, before(RETENTION.caseMessagesAfterCloseMs), BATCH),
  );
  report.conversations = await inBatches(() =>
    deleteIdleConversationState(db, before(RETENTION.conversationStateMs), BATCH),
  );
  deps.logger?.info({ ...report, day }, 'retention: records past their keeping time deleted');
  return report;
}

/** Keys with `prefix` claimed before `cutoff`, one batch; the key range is the primary key's. */
function deleteKeys(db: Db, prefix: string, cutoff: string): Promise<number> {
  return deleteClaimedKeys(db, { prefix, upper: upperBound(prefix) }, cutoff, BATCH);
}

/** Reminder and pass-up claims (ref: the case id) of cases that are closed. */
async function deleteClosedTimerClaims(db: Db, prefix: string): Promise<number> {
  let deleted = 0;
  let after = prefix;
  for (;;) {
    const claims = await claimedKeysAfter(db, after, upperBound(prefix), BATCH);
    if (claims.length === 0) return deleted;
    after = claims[claims.length - 1]?.key ?? after;
    const ids = [
      ...new Set(claims.map((c) => Number(c.ref)).filter((n) => Number.isSafeInteger(n) && n > 0)),
    ];
    const closed = ids.length === 0 ? [] : await closedCaseIdsAmong(db, ids);
    const closedIds = new Set(closed.map((id) => String(id)));
    const keys = claims.filter((c) => c.ref !== null && closedIds.has(c.ref)).map((c) => c.key);
    if (keys.length > 0) deleted += await deleteClaimedKeysNamed(db, keys);
    if (claims.length < BATCH) return deleted;
  }
}

/** The smallest string after every string that starts with `prefix` (its last character + 1). */
function upperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Repeats a batch until one deletes less than a full batch, giving the event loop a turn between. */
async function inBatches(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch();
    total += n;
    if (n < BATCH) return total;
    await new Promise((r) => setImmediate(r));
  }
}
