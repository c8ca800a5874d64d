// A stored case, turned into what the views show: names instead of ids, amounts, the reasons in
// the reader's language, and how it was decided.
import type { Kysely } from 'kysely';
import type { CaseSummary, RelationshipLine } from '../conversation/index.js';
import { localize, roleName, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { Database } from '../store/schema.js';
import type { CaseRecord } from '../workflow/case-record.js';
import { namesOf } from './chat-identity.js';

export async function caseSummaryOf(
  db: Kysely<Database>,
  strategy: Strategy,
  c: CaseRecord,
  locale: Locale,
  existing: ReadonlyArray<RelationshipLine> = [],
): Promise<CaseSummary> {
  const last = await db
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', '=', c.id)
    .where('action', 'in', ['approve', 'reject', 'withdraw'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const names = await namesOf(db, [c.requesterId, c.assigneeId, last?.decider_id]);
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
    reasons: result.reasons.map((r) => r.message),
    existing: [...existing],
    state: c.state,
    exception: c.kind === 'exception',
    canPassUp: c.step + 1 < c.steps.length,
    ...(c.assignedAt ? { waitingSince: c.assignedAt } : {}),
    ...(last ? { decidedBy: nameOf(last.decider_id), decidedAt: last.at } : {}),
    ...(last?.reason ? { decisionReason: last.reason } : {}),
    ...(c.infoQuestion ? { infoQuestion: c.infoQuestion } : {}),
    ...(c.infoAnswer ? { infoAnswer: c.infoAnswer } : {}),
  };
}
