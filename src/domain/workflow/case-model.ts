// A case: one check, and when it escalates, its walk up the decision line.

export const CASE_STATES = [
  'registered', // within mandate: registered at once, nothing to decide
  'open', // waiting for the assignee at `step`
  'info_requested', // waiting for the requester's answer; returns to the same step
  'approved',
  'rejected',
  'withdrawn',
  'advised_against', // outside the strategy; the requester may ask for an exception
  'exception_requested', // an advised-against check whose exception case is open or decided
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const OPEN_STATES: ReadonlySet<CaseState> = new Set(['open', 'info_requested']);

export type CaseKind = 'check' | 'exception';
export type Platform = 'slack' | 'teams' | 'cli' | 'system';

export const DECISIONS = ['approve', 'reject', 'ask_info', 'pass_up'] as const;
export type DecisionAction = (typeof DECISIONS)[number];

export interface CaseSnapshot {
  id: number;
  kind: CaseKind;
  state: CaseState;
  requesterId: string;
  /** Role ids the case may climb: the line's steps above the requester (for an exception: the last step). */
  steps: ReadonlyArray<string>;
  /** The check's route is steps[0 .. routeLength-1]; its last role covers the whole proposal. */
  routeLength: number;
  step: number;
  assigneeId: string | null;
  version: number;
}

export interface PersonSnapshot {
  id: string;
  name: string;
  role: string;
  reportsTo: string | null;
  delegateId: string | null;
  absentFrom: string | null;
  absentUntil: string | null;
  unreachable: boolean;
}
