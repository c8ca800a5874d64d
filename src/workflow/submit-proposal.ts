// submit: runs the check and records it as a case in one transaction. Within the mandate the
// relationship is registered at once; an escalation opens at the route's first step with its
// assignee; outside the strategy the advice is recorded and an exception may be asked for.

import type { Transaction } from 'kysely';
import { checkProposal } from '../domain/check/check-proposal.js';
import type { Proposal } from '../domain/check/proposal.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { dateIn } from '../domain/time.js';
import { isAbsent } from '../domain/workflow/authorize-decision.js';
import { chooseAssignee } from '../domain/workflow/choose-assignee.js';
import { appendAudit } from '../store/audit-log.js';
import { openCaseCountsOf, peopleForAssignment } from '../store/people-repo.js';
import type { Database } from '../store/schema.js';
import { type CaseRecord, caseFromRow, type StoredResult } from './case-record.js';
import { insertCase, notifyCase } from './case-writes.js';
import type { Notification } from './notifications.js';
import { portfolioViewFor } from './portfolio-from-store.js';
import { registerRelationship } from './register-relationship.js';
import type { Actor, WorkflowDeps } from './workflow-deps.js';

export type SubmitOutcome =
  | { ok: true; case: CaseRecord; duplicate: boolean }
  | { ok: false; refusal: 'not_requester' };

export interface SubmitOptions {
  /** Repeating a submit with the same key (a double click on "confirm") returns the first case. */
  idempotencyKey?: string;
}

export async function submitProposal(
  deps: WorkflowDeps,
  actor: Actor,
  input: Proposal,
  options: SubmitOptions = {},
): Promise<SubmitOutcome> {
  if (input.requester.id !== actor.personId) return { ok: false, refusal: 'not_requester' };
  const strategy = deps.strategy();
  const now = deps.clock();
  const at = now.toISOString();
  const eventKey = options.idempotencyKey ? `submit:${options.idempotencyKey}` : null;

  const id: { caseId: number; duplicate: boolean } = await deps.db.transaction().execute(async (trx) => {
    if (eventKey) {
      const seen = await trx
        .selectFrom('processed_events')
        .select('ref')
        .where('key', '=', eventKey)
        .executeTakeFirst();
      if (seen) return { caseId: Number(seen.ref), duplicate: true };
    }
    // The directory decides the requester's role, not the proposal: nobody widens their own mandate.
    const person = await trx
      .selectFrom('people')
      .select(['role'])
      .where('id', '=', actor.personId)
      .executeTakeFirst();
    const lowest = strategy.roleList[0]?.id ?? input.requester.role;
    const role =
      person && strategy.roles.has(person.role) ? person.role : person ? input.requester.role : lowest;
    const proposal: Proposal = { ...input, requester: { id: input.requester.id, role } };
    const key = partnerKey(proposal.partner.name);
    const portfolio = await portfolioViewFor(trx, key);
    const owners = await ownerNames(
      trx,
      portfolio.activeWith(key).map((r) => r.owner),
    );
    const nameOf = (pid: string) => owners.get(pid) ?? pid;
    const result: StoredResult = {
      nl: checkProposal(strategy, proposal, portfolio, { locale: 'nl', nameOf }),
      en: checkProposal(strategy, proposal, portfolio, { locale: 'en', nameOf }),
    };
    const verdict = result.nl.verdict;
    const requesterRank = strategy.roles.get(role)?.rank ?? 0;
    const steps =
      verdict === 'outside_strategy'
        ? result.nl.route
        : strategy
            .decisionLine(proposal.priority)
            .filter((r) => r.rank > requesterRank)
            .map((r) => r.id);

    const caseId = await insertCase(trx, {
      requesterId: actor.personId,
      requesterRole: role,
      kind: 'check',
      state:
        verdict === 'within_mandate' ? 'registered' : verdict === 'escalate' ? 'open' : 'advised_against',
      proposal,
      result,
      strategySha: strategy.sha256,
      steps,
      routeLength: result.nl.route.length,
      platform: actor.platform,
      at,
      closedAt: verdict === 'within_mandate' ? at : null,
    });
    await appendAudit(trx, deps.backend, {
      at,
      actorId: actor.personId,
      action: 'check',
      caseId,
      platform: actor.platform,
      data: {
        verdict,
        route: result.nl.route,
        reasons: result.nl.reasons.map((r) => r.code),
        strategy: strategy.sha256,
      },
    });

    if (verdict === 'within_mandate') {
      await registerRelationship(trx, strategy, proposal, caseId, 'check', now);
      await appendAudit(trx, deps.backend, {
        at,
        actorId: actor.personId,
        action: 'registered',
        caseId,
        platform: actor.platform,
      });
      await notifyCase(deps, trx, caseId, 1, at, [{ kind: 'strategy_summary', outcome: 'registered' }]);
    } else if (verdict === 'escalate') {
      await openAtStep(deps, trx, strategy, caseId, actor, steps, 0, 1, now);
    }
    if (eventKey)
      await trx
        .insertInto('processed_events')
        .values({ key: eventKey, ref: String(caseId), at })
        .execute();
    return { caseId, duplicate: false };
  });

  const row = await deps.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id.caseId)
    .executeTakeFirstOrThrow();
  return { ok: true, case: caseFromRow(row), duplicate: id.duplicate };
}

async function ownerNames(trx: Transaction<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Puts an open case at `fromStep` (or the first higher step whose role somebody holds) with its
 * assignee, and tells the assignee (and their delegate while they are away). When nobody holds a
 * step's role the alliance team is told. Returns the step taken, or null when nobody holds any.
 */
export async function openAtStep(
  deps: WorkflowDeps,
  trx: Transaction<Database>,
  strategy: Strategy,
  caseId: number,
  actor: Actor,
  steps: ReadonlyArray<string>,
  fromStep: number,
  newVersion: number,
  now: Date,
  extra: Notification[] = [],
  requesterId: string = actor.personId,
): Promise<number | null> {
  const at = now.toISOString();
  const people = await peopleForAssignment(trx, requesterId, steps.slice(fromStep));
  const counts = await openCaseCountsOf(trx, [...people.keys()]);
  const choice = chooseAssignee(steps, fromStep, requesterId, people, (id) => counts.get(id) ?? 0);
  const step = choice.step ?? fromStep;
  const assigneeId = choice.step === null ? null : choice.assigneeId;
  await trx
    .updateTable('cases')
    .set({ step, assignee_id: assigneeId, assigned_at: at, updated_at: at })
    .where('id', '=', caseId)
    .execute();
  await appendAudit(trx, deps.backend, {
    at,
    actorId: actor.personId,
    action: 'assigned',
    caseId,
    platform: actor.platform,
    data: { step, role: steps[step] ?? null, assignee: assigneeId, skippedSteps: choice.skippedSteps },
  });
  const notifications: Notification[] = [...extra];
  if (assigneeId !== null) {
    notifications.push({ kind: 'approval_request', to: assigneeId });
    const assignee = people.get(assigneeId);
    const today = dateIn(now, strategy.file.digest.timezone);
    if (assignee?.delegateId && assignee.delegateId !== requesterId && isAbsent(assignee, today)) {
      notifications.push({ kind: 'approval_request', to: assignee.delegateId, onBehalfOf: assigneeId });
    }
  }
  if (choice.skippedSteps.length > 0 || assigneeId === null) {
    notifications.push({
      kind: 'alliance_alert',
      reason: assigneeId === null ? 'no_holder' : 'step_skipped',
      detail: { roles: choice.skippedSteps.map((s) => steps[s]) },
    });
  }
  await notifyCase(deps, trx, caseId, newVersion, at, notifications);
  return choice.step;
}
