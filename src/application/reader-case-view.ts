// A case as one reader sees it: in their language, with who else already works with the partner,
// and with the decision buttons only when that reader may decide it now. Used for the answer to a
// click and for every card the outbox posts or updates.
import {
  approvalRequestView,
  type CaseSummary,
  caseView,
  type View,
  viewContextOf,
} from '../conversation/index.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from '../workflow/case-record.js';
import { caseWaitsFor } from '../workflow/read-cases.js';
import { caseRouteOf } from './case-route-of.js';
import { caseSummaryOf } from './case-summary-of.js';
import { relationshipLines } from './relationship-lines.js';

/**
 * The case's summary for one reader (null: a channel): the active relationships the register has
 * with its partner, the whole route, and the reasons in the reader's voice.
 */
export async function summaryForReader(
  db: Db,
  strategy: Strategy,
  c: CaseRecord,
  locale: Locale,
  readerId: string | null = null,
): Promise<CaseSummary> {
  const [existing, route] = await Promise.all([
    relationshipLines(db, strategy, c.proposal.partner.name, locale, { near: false }),
    caseRouteOf(db, strategy, c, locale),
  ]);
  const summary = await caseSummaryOf(
    db,
    strategy,
    c,
    locale,
    existing.filter((r) => r.status === 'active'),
    { readerId },
  );
  return route ? { ...summary, route: route.steps, routeWhy: route.why } : summary;
}

export async function caseViewForReader(
  db: Db,
  strategy: Strategy,
  now: Date,
  c: CaseRecord,
  readerId: string | null,
  locale: Locale,
  summary?: CaseSummary,
  /** The reader's time zone for the card's times; absent: the strategy's. */
  timeZone?: string | null,
): Promise<View> {
  const vc = viewContextOf(strategy, locale, now, timeZone);
  const s = summary ?? (await summaryForReader(db, strategy, c, locale, readerId));
  if (readerId && c.state === 'open') {
    // This case, not the first of the reader's list: one who has more than a list's worth waiting must still get the buttons.
    if (await caseWaitsFor(db, c, readerId, now, strategy.file.digest.timezone))
      return approvalRequestView(vc, s);
  }
  return caseView(vc, s);
}
