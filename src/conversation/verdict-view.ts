// The verdict as the requester sees it: the outcome in one line, the reasons and notices in the
// strategy's words, what would make it fit, and what happens next.
import type { CheckResult } from '../domain/check/check-proposal.js';
import { roleName, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { buildView, buttons, context, text } from './build-view.js';
import type { RouteStep } from './case-summary.js';
import { holderOf } from './case-views.js';
import type { Block, View } from './view.js';

export interface VerdictNext {
  caseId: string;
  /** Who holds the first step, for `escalate`. */
  assignee?: { name: string; roleName: string };
  partnerName?: string;
  /** The whole route with who holds each step, for `escalate`. */
  route?: RouteStep[];
  routeWhy?: string | null;
}

export function verdictView(
  strategy: Strategy,
  locale: Locale,
  result: CheckResult,
  next: VerdictNext,
): View {
  const t = textsOf(locale).conversation;
  const blocks: Block[] = [text(t.outcome[result.verdict], true)];
  const section = (heading: string, lines: string[]) => {
    if (lines.length > 0) blocks.push(text(heading, true), text(lines.map((l) => `• ${l}`).join('\n')));
  };
  section(
    t.reasonsHeading,
    result.reasons.map((r) => r.message),
  );
  section(
    t.noticesHeading,
    result.notices.map((n) => n.message),
  );
  section(
    t.suggestionsHeading,
    result.suggestions.filter((s) => s.code !== 'request_exception').map((s) => s.message),
  );

  const { caseId } = next;
  if (result.verdict === 'within_mandate') blocks.push(text(t.registered, true));
  if (result.verdict === 'escalate') {
    const roles = result.route.map((id) => {
      const r = strategy.roles.get(id);
      return r ? roleName(r, locale) : id;
    });
    if (next.route && next.route.length > 1) {
      const [first, ...rest] = next.route as [RouteStep, ...RouteStep[]];
      blocks.push(text(t.sentToRoute(holderOf(first), rest.map(holderOf).join(' → ')), true));
      if (next.routeWhy) blocks.push(context(t.routeWhy(next.routeWhy)));
    } else {
      blocks.push(
        text(
          next.assignee
            ? t.sentTo(next.assignee.name, next.assignee.roleName)
            : t.sentToLine(roles.join(' → ')),
          true,
        ),
      );
    }
    blocks.push(
      buttons([
        { id: 'withdraw', label: t.withdrawButton, style: 'default', action: { type: 'withdraw', caseId } },
      ]),
    );
  }
  if (result.verdict === 'outside_strategy') {
    const exception = result.suggestions.find((s) => s.code === 'request_exception');
    if (exception) blocks.push(text(exception.message));
    blocks.push(
      buttons([
        {
          id: 'request_exception',
          label: t.exceptionButton,
          style: 'primary',
          action: { type: 'request_exception', caseId },
        },
      ]),
    );
  }
  blocks.push(context(t.caseRef(caseId)));
  return buildView('verdict', blocks, t.verdictTitle(next.partnerName ?? null), {
    caseId,
    verdict: result.verdict,
  });
}
