// A case as the decision side shows it: names and amounts, already resolved by the caller from
// the store and the strategy the case was checked against.
import type { Direction } from '../domain/check/proposal.js';
import type { RelationshipLine } from './relationship-line.js';

export const CASE_STATES = [
  'open',
  'info_requested',
  'approved',
  'rejected',
  'withdrawn',
  'registered',
  'advised_against',
  'exception_requested',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** One step of a case's route as the views show it. */
export interface RouteStep {
  roleName: string;
  /** Who took it (done), holds it (current) or will hold it (ahead); null when nobody does. */
  holderName: string | null;
  status: 'done' | 'current' | 'ahead';
  /** This step's approval is the last word (no step after it on the route). */
  lastWord: boolean;
}

export interface CaseSummary {
  caseId: string;
  /** Optimistic-concurrency version; carried by the decision buttons. */
  version: number;
  /** The current step on the route; carried by the decision buttons. */
  step: number;
  stepRoleName: string;
  /** Who holds the current step, when known. */
  assigneeName?: string;
  partner: string;
  confidential: boolean;
  partnerTypeName: string;
  /** null: no priority (exploration). */
  priorityName: string | null;
  intensityName: string;
  budget: number;
  months: number;
  direction: Direction;
  requesterName: string;
  /** The check's reasons, in the strategy's words. */
  reasons: string[];
  existing: RelationshipLine[];
  state: CaseState;
  /** The case asks for an exception to the strategy (after an outside_strategy verdict). */
  exception?: boolean;
  /** false at the last step of the line: nobody to pass it up to. Default true. */
  canPassUp?: boolean;
  /** ISO 8601: since when the current step waits. */
  waitingSince?: string;
  decidedBy?: string;
  /** ISO 8601. */
  decidedAt?: string;
  decisionReason?: string;
  infoQuestion?: string;
  infoAnswer?: string;
  /** The whole route, for a view of this one case (not in lists). */
  route?: RouteStep[];
  /** Why the route has more than one step ("het budget is hoger dan het mandaat van de teamleider"). */
  routeWhy?: string | null;
  /** The requester's own description of the proposal. */
  description?: string;
}

export const FINAL_STATES: ReadonlySet<CaseState> = new Set([
  'approved',
  'rejected',
  'withdrawn',
  'registered',
  'advised_against',
]);
