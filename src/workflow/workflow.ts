// The workflow, channel-neutral: Slack, Teams, the CLI and the scheduled jobs all call these.
import type { Proposal } from '../domain/check/proposal.js';
import type { DecisionCommand } from '../domain/workflow/authorize-decision.js';
import { recordInvalidCaseId } from './case-writes.js';
import { decideCase } from './decide-case.js';
import { runEscalationTimers } from './escalation-tick.js';
import { handOnHeldCases, markUnreachable } from './mark-unreachable.js';
import { casesWaitingFor, getCase, openCasesRequestedBy } from './read-cases.js';
import { answerInfo, requestException, withdrawCase } from './requester-actions.js';
import { type SubmitOptions, submitProposal } from './submit-proposal.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

export function createWorkflow(deps: WorkflowDeps) {
  return {
    deps,
    submit: (actor: Actor, proposal: Proposal, options?: SubmitOptions) =>
      submitProposal(deps, actor, proposal, options),
    decide: (actor: Actor, command: DecisionCommand) => decideCase(deps, actor, command),
    answerInfo: (actor: Actor, caseId: number, answer: string) => answerInfo(deps, actor, caseId, answer),
    withdraw: (actor: Actor, caseId: number) => withdrawCase(deps, actor, caseId),
    requestException: (actor: Actor, caseId: number, note?: string) =>
      requestException(deps, actor, caseId, note),
    /** A case action whose case id is not one: recorded as a refused attempt. */
    refuseInvalidCaseId: (actor: Actor, attempted: string) => recordInvalidCaseId(deps, actor, attempted),
    runEscalationTimers: () => runEscalationTimers(deps),
    /** A platform cannot reach this person: reassign what they hold (see mark-unreachable.ts). */
    markUnreachable: (personId: string, platform: string, why: string) =>
      markUnreachable(deps, personId, platform, why),
    /** A person gone from the directory: their open cases go to someone else on the line. */
    handOnFromLeaver: (personId: string, why: string) =>
      handOnHeldCases(deps, personId, { platform: 'directory', why, reason: 'left' }),
    getCase: (id: number) => getCase(deps.db, id),
    openCasesRequestedBy: (personId: string) => openCasesRequestedBy(deps.db, personId),
    casesWaitingFor: (personId: string) =>
      casesWaitingFor(deps.db, personId, deps.clock(), deps.strategy().file.digest.timezone),
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;
export type { Actor, WorkflowDeps };
