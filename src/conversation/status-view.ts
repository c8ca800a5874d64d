// "status": my open proposals, and the decisions waiting for me.

import { textsOf } from '../domain/texts/catalogue.js';
import type { ConversationTexts } from '../domain/texts/conversation-texts.js';
import { buildView, buttons, text } from './build-view.js';
import type { CaseSummary } from './case-summary.js';
import { stateLine } from './case-views.js';
import { formatMoment } from './format-time.js';
import type { Block, Button, View } from './view.js';
import type { ViewContext } from './view-context.js';

const MAX_LISTED = 10;

export interface StatusLists {
  mine: ReadonlyArray<CaseSummary>;
  waitingForMe: ReadonlyArray<CaseSummary>;
}

export function statusView(vc: ViewContext, lists: StatusLists): View {
  const t = textsOf(vc.locale).conversation;
  const blocks: Block[] = [text(t.myCasesHeading, true)];
  if (lists.mine.length === 0) blocks.push(text(t.noCases));
  for (const c of lists.mine.slice(0, MAX_LISTED)) {
    blocks.push(text(t.caseLine(c.partner, c.intensityName, stateLine(vc, c))));
    blocks.push(buttons(ownActions(t, c)));
  }
  if (lists.mine.length > MAX_LISTED) blocks.push(text(t.more(lists.mine.length - MAX_LISTED)));

  blocks.push(text(t.waitingHeading, true));
  if (lists.waitingForMe.length === 0) blocks.push(text(t.noWaiting));
  for (const c of lists.waitingForMe.slice(0, MAX_LISTED)) {
    blocks.push(text(t.waitingLine(c.partner, c.requesterName, formatMoment(vc, c.waitingSince))));
    blocks.push(
      buttons([
        {
          id: `open:${c.caseId}`,
          label: t.openButton,
          style: 'primary',
          action: { type: 'show_case', caseId: c.caseId },
        },
      ]),
    );
  }
  if (lists.waitingForMe.length > MAX_LISTED)
    blocks.push(text(t.more(lists.waitingForMe.length - MAX_LISTED)));
  return buildView('status', blocks, t.statusTitle);
}

/** What a requester can do with their own proposal from the list: answer, ask, withdraw, open. */
function ownActions(t: ConversationTexts, c: CaseSummary): Button[] {
  const out: Button[] = [];
  const id = c.caseId;
  if (c.state === 'info_requested')
    out.push({
      id: `answer:${id}`,
      label: t.answerButton,
      style: 'primary',
      action: { type: 'answer_info', caseId: id },
    });
  if (c.state === 'advised_against')
    out.push({
      id: `exception:${id}`,
      label: t.exceptionButton,
      style: 'primary',
      action: { type: 'request_exception', caseId: id },
    });
  out.push({
    id: `view:${id}`,
    label: t.openButton,
    style: 'default',
    action: { type: 'show_case', caseId: id },
  });
  if (c.state === 'open' || c.state === 'info_requested')
    out.push({
      id: `withdraw:${id}`,
      label: t.withdrawButton,
      style: 'danger',
      action: { type: 'withdraw', caseId: id },
    });
  return out;
}
