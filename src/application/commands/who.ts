// The `who` word (and its button): who in the organisation already works with a partner.
import { whoWorksWithView } from '../../conversation/index.js';
import { type ChatResponse, type Session, vcOf } from '../chat-session.js';
import { relationshipLines } from '../relationship-lines.js';

/** `cut`: only the first words of the partner's name were kept (the lookup's limits). */
export async function who(s: Session, partner: string | null, cut = false): Promise<ChatResponse> {
  const rows = partner ? await relationshipLines(s.deps.db, s.strategy, partner, s.person.locale) : [];
  return { views: [whoWorksWithView(vcOf(s), partner, rows, { cut })] };
}
