// What the chat reads about a case beyond the case itself: how it was decided (the last word on
// each closed case), who took each step of its route, whether someone took part in it (decided on
// it, or was sent a card of it), and the people its next steps may fall to.
import type { PersonSnapshot } from '../domain/workflow/case-model.js';
import { openCaseCountsOf, peopleForAssignment } from './people-repo.js';
import { type Db, sqlOf } from './store-handle.js';

/** A decision that closed a case. */
export interface FinalDecision {
  id: number;
  case_id: number;
  decider_id: string;
  reason: string | null;
  at: string;
}

/** The closing decisions (approve, reject, withdraw) of these cases, in no particular order. */
export async function finalDecisionsOf(db: Db, caseIds: ReadonlyArray<number>): Promise<FinalDecision[]> {
  return sqlOf(db)
    .selectFrom('decisions')
    .select(['id', 'case_id', 'decider_id', 'reason', 'at'])
    .where('case_id', 'in', [...caseIds])
    .where('action', 'in', ['approve', 'reject', 'withdraw'])
    .execute() as Promise<FinalDecision[]>;
}

/** Who took a step of the case (endorsed, passed up or decided it), step by step. */
export async function stepDecidersOf(
  db: Db,
  caseId: number,
): Promise<Array<{ step: number; decider_id: string }>> {
  return sqlOf(db)
    .selectFrom('decisions')
    .select(['step', 'decider_id'])
    .where('case_id', '=', caseId)
    .where('action', 'in', ['endorse', 'pass_up', 'approve', 'reject'])
    .execute();
}

/** Whether the person decided on the case (or was decided for) or was sent a card of it. */
export async function tookPartIn(db: Db, caseId: number, personId: string): Promise<boolean> {
  const k = sqlOf(db);
  const [decided, sent] = await Promise.all([
    k
      .selectFrom('decisions')
      .select('id')
      .where('case_id', '=', caseId)
      .where((eb) => eb.or([eb('decider_id', '=', personId), eb('on_behalf_of', '=', personId)]))
      .executeTakeFirst(),
    k
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
  ]);
  return decided !== undefined || sent !== undefined;
}

/** The people an assignment of these roles can fall to (see peopleForAssignment). */
export function assignablePeople(
  db: Db,
  requesterId: string,
  roles: ReadonlyArray<string>,
): Promise<Map<string, PersonSnapshot>> {
  return peopleForAssignment(db, requesterId, roles);
}

/** Open cases per assignee, for these people only. */
export function openCaseCounts(db: Db, ids: ReadonlyArray<string>): Promise<Map<string, number>> {
  return openCaseCountsOf(db, ids);
}
