// A stored case, turned into what the views show: names instead of ids, amounts, the reasons in
// the reader's language, and how it was decided.
import type { CaseSummary, RelationshipLine } from '../conversation/index.js';
import { reasonsForReader } from '../domain/check/check-proposal.js';
import { localize, roleName, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { type FinalDecision, finalDecisionsOf } from '../store/case-reads.js';
import { namesOf } from '../store/chat-person-repo.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from '../workflow/case-record.js';

/** Who reads a summary: the requester reads "uw mandaat", anyone else the requester's, by name. */
export interface SummaryReader {
  /** null: a channel, or nobody in particular. */
  readerId: string | null;
}

export async function caseSummaryOf(
  db: Db,
  strategy: Strategy,
  c: CaseRecord,
  locale: Locale,
  existing: ReadonlyArray<RelationshipLine> = [],
  reader?: SummaryReader,
): Promise<CaseSummary> {
  const [summary] = await caseSummariesOf(db, strategy, [c], locale, existing, reader);
  return summary as CaseSummary;
}

/** Summaries of several cases with two queries in all (their decisions, the names). */
export async function caseSummariesOf(
  db: Db,
  strategy: Strategy,
  cases: ReadonlyArray<CaseRecord>,
  locale: Locale,
  existing: ReadonlyArray<RelationshipLine> = [],
  reader?: SummaryReader,
): Promise<CaseSummary[]> {
  if (cases.length === 0) return [];
  const decided = cases.filter((c) => c.closedAt !== null).map((c) => c.id);
  const finals = decided.length === 0 ? [] : await finalDecisionsOf(db, decided);
  const lastOf = new Map<number, FinalDecision>();
  for (const d of finals) {
    const caseId = Number(d.case_id);
    const seen = lastOf.get(caseId);
    if (!seen || Number(d.id) > Number(seen.id)) lastOf.set(caseId, d);
  }
  const names = await namesOf(
    db,
    cases.flatMap((c) => [c.requesterId, c.assigneeId, lastOf.get(c.id)?.decider_id]),
  );
  return cases.map((c) => summarise(strategy, c, locale, existing, lastOf.get(c.id), names, reader));
}

function summarise(
  strategy: Strategy,
  c: CaseRecord,
  locale: Locale,
  existing: ReadonlyArray<RelationshipLine>,
  last: FinalDecision | undefined,
  names: ReadonlyMap<string, string>,
  reader: SummaryReader | undefined,
): CaseSummary {
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : undefined);
  const stepRole = strategy.roles.get(c.steps[c.step] ?? '');
  const result = c.result[locale] ?? c.result.nl;
  const p = c.proposal;
  return {
    caseId: String(c.id),
    version: c.version,
    step: c.step,
    stepRoleName: stepRole ? roleName(stepRole, locale) : (c.steps[c.step] ?? ''),
    ...(c.assigneeId ? { assigneeName: nameOf(c.assigneeId) } : {}),
    partner: p.partner.name,
    confidential: c.confidential,
    partnerTypeName: localize(strategy.partnerTypes.get(p.partner.type)?.name, locale) || p.partner.type,
    priorityName:
      p.priority === null ? null : localize(strategy.priorities.get(p.priority)?.name, locale) || p.priority,
    intensityName: localize(strategy.intensities.get(p.intensity)?.name, locale) || p.intensity,
    budget: p.budget ?? 0,
    months: p.months ?? 0,
    direction: p.direction,
    requesterName: nameOf(c.requesterId) ?? c.requesterId,
    reasons:
      reader === undefined || reader.readerId === c.requesterId
        ? result.reasons.map((r) => r.message)
        : reasonsForReader(strategy, p, result.reasons, {
            strategy,
            locale,
            whose: nameOf(c.requesterId) ?? c.requesterId,
          }),
    existing: [...existing],
    state: c.state,
    exception: c.kind === 'exception',
    canPassUp: c.step + 1 < c.steps.length,
    ...(c.assignedAt ? { waitingSince: c.assignedAt } : {}),
    ...(last ? { decidedBy: nameOf(last.decider_id), decidedAt: last.at } : {}),
    ...(last?.reason ? { decisionReason: last.reason } : {}),
    ...(c.infoQuestion ? { infoQuestion: c.infoQuestion } : {}),
    ...(c.infoAnswer ? { infoAnswer: c.infoAnswer } : {}),
    ...(p.description ? { description: p.description } : {}),
  };
}
