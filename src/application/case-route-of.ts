// The whole route of a case, as the views show it from the start: each step's role, who took it
// (done), who holds it (now) and who will (ahead, by the same rule the workflow assigns with),
// and why it takes more than one step.
import type { RouteStep } from '../conversation/index.js';
import { whyBeyond } from '../domain/check/why-beyond.js';
import { roleName, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { chooseAssignee } from '../domain/workflow/choose-assignee.js';
import { assignablePeople, openCaseCounts, stepDecidersOf } from '../store/case-reads.js';
import { namesOf } from '../store/chat-person-repo.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from '../workflow/case-record.js';

export interface CaseRoute {
  steps: RouteStep[];
  /** Why more than one step: what the mandates before the last do not cover. */
  why: string | null;
}

export async function caseRouteOf(
  db: Db,
  strategy: Strategy,
  c: CaseRecord,
  locale: Locale,
): Promise<CaseRoute | null> {
  // Steps beyond the check's route are only reached by passing up; they are not "the route".
  const length = Math.max(c.routeLength, c.step + 1);
  const roles = c.steps.slice(0, length);
  if (roles.length === 0 || c.kind === 'exception') return null;
  const [taken, people] = await Promise.all([
    stepDecidersOf(db, c.id),
    assignablePeople(db, c.requesterId, roles.slice(c.step + 1)),
  ]);
  const counts = await openCaseCounts(db, [...people.keys()]);
  const ahead = (k: number) => {
    const choice = chooseAssignee(
      roles.slice(0, k + 1),
      k,
      c.requesterId,
      people,
      (id) => counts.get(id) ?? 0,
    );
    return choice.step === k ? choice.assigneeId : null;
  };
  const open = c.state === 'open' || c.state === 'info_requested';
  const holders = roles.map((_, k) => {
    const done = taken.find((d) => Number(d.step) === k);
    if (done) return { id: done.decider_id, status: 'done' as const };
    if (k === c.step && open) return { id: c.assigneeId, status: 'current' as const };
    if (k > c.step && open) return { id: ahead(k), status: 'ahead' as const };
    return { id: null, status: 'ahead' as const };
  });
  const names = await namesOf(
    db,
    holders.map((h) => h.id),
  );
  const steps: RouteStep[] = roles.map((id, k) => {
    const r = strategy.roles.get(id);
    const holder = holders[k] as (typeof holders)[number];
    return {
      roleName: r ? roleName(r, locale) : id,
      holderName: holder.id ? (names.get(holder.id) ?? holder.id) : null,
      status: holder.status,
      lastWord: k === c.routeLength - 1 || k === roles.length - 1,
    };
  });
  const beforeLast = strategy.roles.get(roles[c.routeLength - 2] ?? '');
  const why = c.routeLength > 1 && beforeLast ? whyBeyond(strategy, c.proposal, beforeLast, locale) : null;
  return { steps, why };
}
