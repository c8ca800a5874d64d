// "Bram Bakker already works with Deltares": said as soon as a partner is named.

import { textsOf } from '../domain/texts/catalogue.js';
import { text } from './build-view.js';
import type { CheckContext } from './check-context.js';
import { relationshipWhat } from './relationship-line.js';
import type { TextBlock } from './view.js';

const MAX_LINES = 5;

export function existingNotes(ctx: CheckContext, partnerName: string): TextBlock[] {
  const t = textsOf(ctx.locale).conversation;
  const lines = ctx.existingWith(partnerName);
  const shown = lines.slice(0, MAX_LINES).map((r) => {
    const what = relationshipWhat(r, t.relationshipStatus);
    const unit = r.unit ?? null;
    return r.near
      ? text(t.existingNear(r.ownerName, unit, r.partnerName ?? partnerName, what))
      : text(t.existing(r.ownerName, unit, r.partnerName ?? partnerName, what));
  });
  if (lines.length > MAX_LINES) shown.push(text(t.more(lines.length - MAX_LINES)));
  return shown;
}
