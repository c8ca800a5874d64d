// The local demo has one chat user who plays everyone: a card meant for someone else says whose
// it is and how to become them, and carries none of their buttons.
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { buildView, context } from './build-view.js';
import type { View } from './view.js';

/** Actions only the card's own reader may take. */
const PERSONAL = new Set(['decide', 'withdraw', 'request_exception', 'answer_info', 'submit_review']);

export function seenByView(view: View, name: string, locale: Locale): View {
  const first = name.split(/\s+/u)[0] ?? name;
  const blocks = view.blocks
    .map((b) =>
      b.type === 'buttons' ? { ...b, buttons: b.buttons.filter((x) => !PERSONAL.has(x.action.type)) } : b,
    )
    .filter((b) => b.type !== 'buttons' || b.buttons.length > 0)
    .filter((b) => b.type !== 'form');
  return buildView(
    view.kind === 'approval' || view.kind === 'reminder' ? 'case' : view.kind,
    [context(textsOf(locale).conversation.seenBy(name, first)), ...blocks],
    view.title,
    {
      ...(view.caseId ? { caseId: view.caseId } : {}),
      ...(view.verdict ? { verdict: view.verdict } : {}),
    },
  );
}
