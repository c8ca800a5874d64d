// submit: runs the check and records it as a case in one transaction. Within the mandate the
// relationship is registered at once; an escalation opens at the route's first step with its
// assignee; outside the strategy the advice is recorded and an exception may be asked for.

import { checkProposal } from '../domain/check/check-proposal.js';
import type { Proposal } from '../domain/check/proposal.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { PersonSnapshot } from '../domain/workflow/case-model.js';
import { portfolioViewOf } from '../portfolio/portfolio-from-store.js';
import { caseRelationship } from '../portfolio/register-relationship.js';
import { type AuditEntry, appendAudit } from '../store/audit-log.js';
import { assignCase, readCase } from '../store/case-repo.js';
import { openCaseCountsOf, peopleForAssignment, toSnapshot } from '../store/people-repo.js';
import type { CaseRelationship } from '../store/relationship-repo.js';
import { inUnitOfWork, type Tx } from '../store/store-handle.js';
import { readSubmitContext, type SubmitContext } from '../store/submit-context.js';
import { type SubmitWrites, writeSubmit } from '../store/submit-writes.js';
import type { CaseRecord, StoredResult } from './case-record.js';
import { notifyCase } from './case-writes.js';
import { type Notification, outboxMessagesFor } from './notifications.js';
import { planAssignment } from './plan-assignment.js';
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
  const eventKey = options.idempotencyKey ? `submit:${options.idempotencyKey}` : null;
  const key = partnerKey(input.partner.name);

  // One read of everything the check and the case need, the check, then one batch of writes:
  // on PostgreSQL a submit is BEGIN, two statements and COMMIT.
  const outcome = await inUnitOfWork(deps.db, async (tx) => {
    const ctx = await readSubmitContext(tx, deps.backend, {
      eventKey,
      requesterId: actor.personId,
      partnerKey: key,
      roles: strategy.decisionLine(input.priority).map((r) => r.id),
    });
    if (ctx.seenCaseId !== null) return { caseId: ctx.seenCaseId, stored: undefined, duplicate: true };
    const plan = planSubmit(deps, strategy, actor, input, key, ctx, eventKey, now);
    const stored = await writeSubmit(tx, deps.backend, plan.writes);
    if (plan.notifies) deps.fault?.('after_outbox_insert');
    return { caseId: ctx.caseId, stored, duplicate: false };
  });

  const stored = outcome.stored ?? (await readCase(deps.db, outcome.caseId));
  return { ok: true, case: stored, duplicate: outcome.duplicate };
}

/** The writes of a submit, from what it read: the case, its audit rows, register and outbox rows. */
function planSubmit(
  deps: WorkflowDeps,
  strategy: Strategy,
  actor: Actor,
  input: Proposal,
  key: string,
  ctx: SubmitContext,
  eventKey: string | null,
  now: Date,
): { writes: SubmitWrites; notifies: boolean } {
  const at = now.toISOString();
  const caseId = ctx.caseId;
  // The directory decides the requester's role, not the proposal: nobody widens their own mandate.
  const person = ctx.requester;
  const lowest = strategy.roleList[0]?.id ?? input.requester.role;
  const role =
    person && strategy.roles.has(person.role) ? person.role : person ? input.requester.role : lowest;
  const proposal: Proposal = { ...input, requester: { id: input.requester.id, role } };
  const portfolio = portfolioViewOf(key, ctx.matches, ctx.exploringCount);
  const owners = new Map(
    ctx.matches.flatMap((m) => (m.owner_name === null ? [] : [[m.owner_id, m.owner_name]])),
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

  const newCase: SubmitWrites['case'] = {
    requesterId: actor.personId,
    requesterRole: role,
    kind: 'check',
    state: verdict === 'within_mandate' ? 'registered' : verdict === 'escalate' ? 'open' : 'advised_against',
    proposal,
    result,
    strategySha: strategy.sha256,
    steps,
    routeLength: result.nl.route.length,
    platform: actor.platform,
    at,
    closedAt: verdict === 'within_mandate' ? at : null,
    id: caseId,
  };
  const audit: AuditEntry[] = [
    {
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
    },
  ];
  let notifications: Notification[] | null = null;
  let registered: CaseRelationship | null = null;
  let assignment: SubmitWrites['assignment'] = null;
  if (verdict === 'within_mandate') {
    registered = caseRelationship(strategy, proposal, caseId, 'check', now, person?.unit ?? null);
    audit.push({ at, actorId: actor.personId, action: 'registered', caseId, platform: actor.platform });
    notifications = [{ kind: 'strategy_summary', outcome: 'registered' }];
  } else if (verdict === 'escalate') {
    const wanted = new Set(steps);
    const people = new Map<string, PersonSnapshot>();
    const byId = new Map(ctx.people.map((p) => [p.id, p]));
    const chain = new Set<string>();
    for (let id: string | null = actor.personId; id !== null && !chain.has(id); ) {
      chain.add(id);
      id = byId.get(id)?.reports_to ?? null;
    }
    for (const p of ctx.people) if (wanted.has(p.role) || chain.has(p.id)) people.set(p.id, toSnapshot(p));
    const assigned = planAssignment({
      strategy,
      caseId,
      actor,
      steps,
      fromStep: 0,
      now,
      people,
      openCases: (id) => ctx.openCases.get(id) ?? 0,
      requesterId: actor.personId,
    });
    assignment = { step: assigned.step, assigneeId: assigned.assigneeId, at };
    audit.push(assigned.audit);
    notifications = assigned.notifications;
  }
  const messages =
    notifications === null
      ? null
      : outboxMessagesFor(
          { strategy, platforms: deps.platforms(), now: at, caseId, key: 'v1' },
          notifications,
          ctx.people,
        );
  const writes: SubmitWrites = {
    case: newCase,
    assignment,
    auditHead: ctx.auditHead,
    audit,
    relationship: registered,
    outbox: messages === null ? null : { at, messages },
    event: eventKey === null ? null : { key: eventKey, ref: String(caseId), at },
  };
  return { writes, notifies: notifications !== null };
}

/**
 * Puts an open case at `fromStep` (or the first higher step whose role somebody holds) with its
 * assignee, and tells the assignee (and their delegate while they are away). When nobody holds a
 * step's role the alliance team is told. Returns the step taken, or null when nobody holds any.
 */
export async function openAtStep(
  deps: WorkflowDeps,
  tx: Tx,
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
  const people = await peopleForAssignment(tx, requesterId, steps.slice(fromStep));
  const counts = await openCaseCountsOf(tx, [...people.keys()]);
  const plan = planAssignment({
    strategy,
    caseId,
    actor,
    steps,
    fromStep,
    now,
    people,
    openCases: (id) => counts.get(id) ?? 0,
    requesterId,
    extra,
  });
  await assignCase(tx, caseId, plan.step, plan.assigneeId, at);
  await appendAudit(tx, deps.backend, plan.audit);
  await notifyCase(deps, tx, caseId, newVersion, at, plan.notifications);
  return plan.taken;
}
