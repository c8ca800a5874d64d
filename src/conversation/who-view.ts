// "who PARTNER": who works with this partner, from the register (partner key and near matches).
import { LOOKUP_LIMITS } from '../domain/portfolio/partner-key.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { buildView, context, text } from './build-view.js';
import { bullets } from './case-views.js';
import { type RelationshipLine, relationshipWhat } from './relationship-line.js';
import type { View } from './view.js';
import type { ViewContext } from './view-context.js';

const MAX_LISTED = 25;
const MAX_SUGGESTED = 5;

/**
 * `partner` null: the word came without a partner, so say how to ask. `cut`: the question was
 * longer than a lookup reads (LOOKUP_LIMITS), and the answer says only its first words were used.
 */
export function whoWorksWithView(
  vc: Pick<ViewContext, 'locale'>,
  partner: string | null,
  rows: ReadonlyArray<RelationshipLine>,
  o: { cut?: boolean } = {},
): View {
  const t = textsOf(vc.locale).conversation;
  if (partner === null || partner.trim() === '') return buildView('who', [text(t.whoMissing)]);
  const cut = o.cut ? [context(t.whoCut(LOOKUP_LIMITS.words))] : [];
  if (rows.length === 0) return buildView('who', [text(t.whoNone(partner)), ...cut], t.whoTitle(partner));
  // Nothing under this name, but near names: "did you mean …?", each a button that asks again.
  const onlyNear = rows.every((r) => r.near === true);
  const sorted = [...rows].sort((a, b) => Number(a.near === true) - Number(b.near === true));
  const lines = sorted.slice(0, MAX_LISTED).map((r) => {
    const what = relationshipWhat(r, t.relationshipStatus);
    return r.near
      ? t.whoNearLine(r.partnerName ?? partner, r.ownerName, r.unit ?? null, what)
      : t.whoLine(r.ownerName, r.unit ?? null, what);
  });
  if (rows.length > MAX_LISTED) lines.push(t.more(rows.length - MAX_LISTED));
  if (!onlyNear) return buildView('who', [text(bullets(lines)), ...cut], t.whoTitle(partner));
  const names = [...new Set(sorted.map((r) => r.partnerName).filter((n): n is string => !!n))].slice(
    0,
    MAX_SUGGESTED,
  );
  return buildView(
    'who',
    [
      text(t.whoDidYouMean(partner)),
      {
        type: 'choices',
        id: 'who-suggested',
        numbered: false,
        options: names.map((n) => ({ id: n, label: n, action: { type: 'who', partner: n } })),
      },
      text(bullets(lines)),
      ...cut,
    ],
    t.whoTitle(partner),
  );
}
