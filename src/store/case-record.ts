// A case as the store holds it, read back from its row: the workflow and the views work on this
// record, never on the row.

import type { Selectable } from 'kysely';
import type { CheckResult } from '../domain/check/check-proposal.js';
import type { Proposal } from '../domain/check/proposal.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { CaseKind, CaseSnapshot, CaseState } from '../domain/workflow/case-model.js';
import type { CasesTable } from './schema.js';

export type StoredResult = Record<Locale, CheckResult>;

export interface CaseRecord extends CaseSnapshot {
  kind: CaseKind;
  state: CaseState;
  requesterRole: string;
  verdict: CheckResult['verdict'];
  proposal: Proposal;
  result: StoredResult;
  strategySha: string;
  assignedAt: string | null;
  confidential: boolean;
  platform: string;
  infoQuestion: string | null;
  infoAnswer: string | null;
  parentCaseId: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** The records of rows the read cache hands out (frozen rows, read again and again). */
const recordsOfCachedRows = new WeakMap<object, CaseRecord>();

export function caseFromRow(r: Selectable<CasesTable>): CaseRecord {
  // A frozen row is one the SQLite read cache keeps: the same row comes back until the case
  // changes, and its record, frozen too, can be handed out again instead of parsed again.
  if (!Object.isFrozen(r)) return recordOf(r);
  let record = recordsOfCachedRows.get(r);
  if (!record) {
    record = deepFreeze(recordOf(r));
    recordsOfCachedRows.set(r, record);
  }
  return record;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function recordOf(r: Selectable<CasesTable>): CaseRecord {
  return {
    id: Number(r.id),
    kind: r.kind,
    state: r.state as CaseState,
    requesterId: r.requester_id,
    requesterRole: r.requester_role,
    steps: JSON.parse(r.steps) as string[],
    routeLength: Number(r.route_length),
    step: Number(r.step),
    assigneeId: r.assignee_id,
    assignedAt: r.assigned_at,
    version: Number(r.version),
    verdict: r.verdict,
    proposal: JSON.parse(r.proposal) as Proposal,
    result: JSON.parse(r.result) as StoredResult,
    strategySha: r.strategy_sha,
    confidential: Number(r.confidential) === 1,
    platform: r.platform,
    infoQuestion: r.info_question,
    infoAnswer: r.info_answer,
    parentCaseId: r.parent_case_id === null ? null : Number(r.parent_case_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}
