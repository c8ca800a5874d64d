// What a case's outcome says to the requester, and to the strategy channel, where a confidential
// partner is never named.

import { textsOf } from '../domain/texts/catalogue.js';
import type { ChannelOutcome } from '../domain/texts/conversation-texts.js';
import { buildView, buttons, context, text } from './build-view.js';
import type { CaseSummary } from './case-summary.js';
import { holderOf, proposalFacts, routeBlocks, stateWords } from './case-views.js';
import type { Block, View } from './view.js';
import type { ViewContext } from './view-context.js';

/** The requester's message about their case: where it is, or how it ended. */
export function requesterUpdateView(vc: ViewContext, c: CaseSummary): View {
  const t = textsOf(vc.locale).conversation;
  const w = stateWords(vc, c);
  // After an endorsement: who endorsed, and with whom it is now.
  const endorsed =
    c.state === 'open' ? [...(c.route ?? [])].reverse().find((s) => s.status === 'done') : undefined;
  const current = c.route?.[c.step];
  const line =
    c.exception && c.state === 'approved'
      ? t.requesterExceptionGranted(w)
      : c.exception && c.state === 'rejected'
        ? t.requesterExceptionRefused(w)
        : endorsed && current
          ? t.endorsedBy(
              { ...w, by: endorsed.holderName ?? endorsed.roleName },
              holderOf(current),
              current.lastWord,
            )
          : t.requesterUpdate[c.state](w);
  const blocks: Block[] = [text(line, true), ...routeBlocks(vc, c)];
  if (c.state === 'info_requested') {
    blocks.push(
      buttons([
        {
          id: 'answer_info',
          label: t.answerButton,
          style: 'primary',
          action: { type: 'answer_info', caseId: c.caseId },
        },
      ]),
    );
  }
  if (c.state === 'open' || c.state === 'exception_requested') {
    blocks.push(
      buttons([
        {
          id: 'withdraw',
          label: t.withdrawButton,
          style: 'default',
          action: { type: 'withdraw', caseId: c.caseId },
        },
      ]),
    );
  }
  blocks.push(context(t.caseRef(c.caseId)));
  return buildView('update', blocks, t.caseTitle(c.partner), { caseId: c.caseId });
}

/** The outcome kind a strategy-channel summary is posted for; null: not a final outcome to post. */
export function channelOutcomeOf(c: CaseSummary): ChannelOutcome | null {
  if (c.state === 'registered') return 'registered';
  if (c.state === 'approved') return c.exception ? 'exception_granted' : 'approved';
  if (c.state === 'rejected') return c.exception ? 'exception_refused' : 'rejected';
  return null;
}

/**
 * The strategy channel's summary of a final outcome, in the strategy's language. A confidential
 * case says "confidential partner" and leaves out the decision's reason (which may name it).
 */
export function strategyChannelSummaryView(vc: ViewContext, c: CaseSummary): View | null {
  const outcome = channelOutcomeOf(c);
  if (outcome === null) return null;
  const t = textsOf(vc.locale).conversation;
  const partner = c.confidential ? t.confidentialPartner : c.partner;
  const w = { ...stateWords(vc, c, partner), roleName: outcome === 'registered' ? '' : c.stepRoleName };
  const blocks: Block[] = [text(t.channelOutcome[outcome](w), true), proposalFacts(vc, c, null)];
  if (c.decisionReason && !c.confidential) blocks.push(text(c.decisionReason));
  blocks.push(context(t.caseRef(c.caseId)));
  return buildView('summary', blocks, t.caseTitle(partner), { caseId: c.caseId });
}
