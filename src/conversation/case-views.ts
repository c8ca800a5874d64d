// The decision side of a case: the approval request for the assignee (with the decision
// buttons), the same case for everyone else (without), its decided state, and the reminder.
import { formatMoney, formatMonths } from '../domain/i18n/format.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { ConversationTexts, StateWords } from '../domain/texts/conversation-texts.js';
import { buildView, buttons, context, facts, text } from './build-view.js';
import type { CaseState, CaseSummary, RouteStep } from './case-summary.js';
import { formatMoment, formatWhen } from './format-time.js';
import { relationshipWhat } from './relationship-line.js';
import type { Block, Button, Decision, FactsBlock, View } from './view.js';
import type { ViewContext } from './view-context.js';

const DECIDABLE: ReadonlySet<CaseState> = new Set(['open', 'exception_requested']);

/** The case for its assignee: buttons while it waits for them, the state once it does not. */
export function approvalRequestView(vc: ViewContext, c: CaseSummary): View {
  return buildView(
    'approval',
    caseBlocks(vc, c, true),
    textsOf(vc.locale).conversation.caseTitle(c.partner),
    {
      caseId: c.caseId,
    },
  );
}

/** The case for everyone else who has it (earlier steps, delegates): never with buttons. */
export function caseView(vc: ViewContext, c: CaseSummary): View {
  return buildView('case', caseBlocks(vc, c, false), textsOf(vc.locale).conversation.caseTitle(c.partner), {
    caseId: c.caseId,
  });
}

export function reminderView(vc: ViewContext, c: CaseSummary): View {
  const t = textsOf(vc.locale).conversation;
  const since = formatMoment(vc, c.waitingSince);
  return buildView(
    'reminder',
    [text(t.reminder(c.partner, since), true), ...caseBlocks(vc, c, true)],
    t.reminderTitle,
    {
      caseId: c.caseId,
    },
  );
}

export function stateWords(vc: ViewContext, c: CaseSummary, partner = c.partner): StateWords {
  return {
    partner,
    by: c.decidedBy ?? '',
    when: formatWhen(vc, c.decidedAt),
    roleName: c.stepRoleName,
    assignee: c.assigneeName ?? null,
    reason: c.decisionReason ?? null,
    question: c.infoQuestion ?? null,
  };
}

/** "Approved by Bram Bakker at 14:02.", "Waiting for a decision by Carla Jansen (Head of department)." */
export function stateLine(vc: ViewContext, c: CaseSummary): string {
  const t = textsOf(vc.locale).conversation;
  const w = stateWords(vc, c);
  if (c.exception && c.state === 'approved') return t.exceptionGranted(w);
  if (c.exception && c.state === 'rejected') return t.exceptionRefused(w);
  return t.stateLine[c.state](w);
}

/** The proposal's facts; `partner` replaces the name (e.g. "confidential partner"), null leaves it out. */
export function proposalFacts(
  vc: ViewContext,
  c: CaseSummary,
  partner: string | null = c.partner,
): FactsBlock {
  const t = textsOf(vc.locale).conversation;
  return facts([
    partner === null ? null : { label: t.fact.partner, value: partner },
    { label: t.fact.partnerType, value: c.partnerTypeName },
    { label: t.fact.priority, value: c.priorityName ?? t.noPriority },
    { label: t.fact.intensity, value: c.intensityName },
    { label: t.fact.budget, value: formatMoney(c.budget, vc.currency, vc.locale) },
    { label: t.fact.duration, value: formatMonths(c.months, vc.locale) },
    { label: t.fact.direction, value: t.direction[c.direction] },
    { label: t.fact.requester, value: c.requesterName },
  ]);
}

function caseBlocks(vc: ViewContext, c: CaseSummary, forAssignee: boolean): Block[] {
  const t = textsOf(vc.locale).conversation;
  const waiting = DECIDABLE.has(c.state);
  const blocks: Block[] = [];
  if (forAssignee && waiting) {
    blocks.push(
      text(
        c.exception
          ? t.exceptionNeeded(c.requesterName, c.stepRoleName)
          : t.decisionNeeded(c.requesterName, c.stepRoleName),
      ),
    );
    const here = c.route?.[c.step];
    const next = c.route?.[c.step + 1];
    if (here?.lastWord || (c.route && !next)) blocks.push(text(t.yourLastWord));
    else if (next) blocks.push(text(t.yourEndorsement(holderOf(next))));
  }
  blocks.push(text(stateLine(vc, c), true));
  if (c.confidential) blocks.push(context(t.confidentialNote));
  const facts = proposalFacts(vc, c);
  const since = waiting ? formatMoment(vc, c.waitingSince) : null;
  if (since) facts.facts.push({ label: t.fact.waitingSince, value: since });
  if (c.description) facts.facts.push({ label: t.fact.description, value: c.description });
  blocks.push(facts);
  blocks.push(...routeBlocks(vc, c));
  if (c.reasons.length > 0) blocks.push(text(t.reasonsHeading, true), text(bullets(c.reasons)));
  if (c.infoQuestion) blocks.push(text(t.infoAsked(c.infoQuestion)));
  if (c.infoAnswer) blocks.push(text(t.infoAnswered(c.infoAnswer)));
  if (c.existing.length > 0) {
    const lines = c.existing.map((r) => {
      const what = relationshipWhat(r, t.relationshipStatus);
      return r.near
        ? t.whoNearLine(r.partnerName ?? c.partner, r.ownerName, r.unit ?? null, what)
        : t.whoLine(r.ownerName, r.unit ?? null, what);
    });
    blocks.push(text(t.existingHeading, true), text(bullets(lines)));
  }
  if (forAssignee && waiting) blocks.push(buttons(decisionButtons(t, c)));
  blocks.push(context(t.caseRef(c.caseId)));
  return blocks;
}

function decisionButtons(t: ConversationTexts, c: CaseSummary): Button[] {
  const button = (decision: Decision, label: string, style: Button['style']): Button => ({
    id: decision,
    label,
    style,
    action: { type: 'decide', caseId: c.caseId, step: c.step, version: c.version, decision },
  });
  const out = [
    button('approve', c.exception ? t.grantButton : t.approveButton, 'primary'),
    button('reject', c.exception ? t.refuseButton : t.rejectButton, 'danger'),
    button('ask_info', t.askInfoButton, 'default'),
  ];
  if (c.canPassUp !== false) out.push(button('pass_up', t.passUpButton, 'default'));
  return out;
}

/** "Bram Bakker (Teamleider)", or the role alone when nobody holds it. */
export function holderOf(step: RouteStep): string {
  return step.holderName ? `${step.holderName} (${step.roleName})` : step.roleName;
}

/** The whole route in one line, and why it has more than one step. */
export function routeBlocks(
  vc: Pick<ViewContext, 'locale'>,
  c: Pick<CaseSummary, 'route' | 'routeWhy'>,
): Block[] {
  const t = textsOf(vc.locale).conversation;
  if (!c.route || c.route.length < 2) return [];
  const line = c.route.map((s) => t.routeStep(s.roleName, s.holderName, s.status)).join(' → ');
  return [context(t.routeLine(line)), ...(c.routeWhy ? [context(t.routeWhy(c.routeWhy))] : [])];
}

export function bullets(lines: ReadonlyArray<string>): string {
  return lines.map((l) => `• ${l}`).join('\n');
}
