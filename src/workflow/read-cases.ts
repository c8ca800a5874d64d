// Read side of the workflow for views: one case, my open cases, what waits for me. Every chat
// message reads some of these, so the store prepares them once (src/store/case-list-reads.ts).
import { dateIn } from '../domain/time.js';
import { isStoredId } from '../domain/workflow/case-id.js';
import {
  absentDelegatingTo,
  caseById,
  casesRequestedBy,
  isAwayDelegatingTo,
  openCasesAssignedTo,
} from '../store/case-list-reads.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from './case-record.js';

const LISTED = 50;
const MINE = ['open', 'info_requested', 'advised_against'] as const;

export async function getCase(db: Db, id: number): Promise<CaseRecord | null> {
  if (!isStoredId(id)) return null;
  return caseById(db, id);
}

export function openCasesRequestedBy(db: Db, personId: string): Promise<CaseRecord[]> {
  return casesRequestedBy(db, personId, MINE, LISTED);
}

/**
 * Open cases assigned to the person, or to someone away who named them as delegate; never their
 * own requests; oldest first. Two or three reads, each served by an index in id order, rather
 * than one OR that walks every open case in the organisation: the absent colleagues who named this
 * person (people_delegate; usually none), then the open cases of each (cases_state_assignee).
 */
export async function casesWaitingFor(
  db: Db,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<CaseRecord[]> {
  const today = dateIn(now, timeZone);
  const absent = await absentDelegatingTo(db, personId, today);
  const cases = await openCasesAssignedTo(db, personId, personId, LISTED);
  for (const { id } of absent)
    if (id !== personId) cases.push(...(await openCasesAssignedTo(db, id, personId, LISTED)));
  if (absent.length > 0) cases.sort((a, b) => a.id - b.id);
  return cases.slice(0, LISTED);
}

/**
 * Whether one case waits for the person, as casesWaitingFor would list it however many others wait
 * too: open, not their own, assigned to them or to someone away today who named them as delegate.
 */
export async function caseWaitsFor(
  db: Db,
  c: CaseRecord,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<boolean> {
  if (c.state !== 'open' || c.requesterId === personId || !c.assigneeId) return false;
  if (c.assigneeId === personId) return true;
  return isAwayDelegatingTo(db, c.assigneeId, personId, dateIn(now, timeZone));
}
