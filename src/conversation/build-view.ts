// Small builders for views, and the plain-text fallback computed from the blocks, so a view's
// fallback never drifts from what it shows.
import type { Verdict } from '../domain/check/verdict.js';
import type { Block, Button, ContextBlock, Fact, FactsBlock, TextBlock, View, ViewKind } from './view.js';

export interface ViewMeta {
  caseId?: string;
  verdict?: Verdict;
}

export function buildView(kind: ViewKind, blocks: Block[], title?: string, meta: ViewMeta = {}): View {
  const lines: string[] = [];
  if (title) lines.push(title);
  for (const b of blocks) lines.push(...fallbackLines(b));
  const view: View = { kind, blocks, fallbackText: lines.join('\n') };
  if (title) view.title = title;
  if (meta.caseId) view.caseId = meta.caseId;
  if (meta.verdict) view.verdict = meta.verdict;
  return view;
}

export const text = (value: string, emphasis = false): TextBlock =>
  emphasis ? { type: 'text', text: value, emphasis } : { type: 'text', text: value };

export const context = (value: string): ContextBlock => ({ type: 'context', text: value });

export const facts = (items: ReadonlyArray<Fact | null>): FactsBlock => ({
  type: 'facts',
  facts: items.filter((f): f is Fact => f !== null),
});

export const buttons = (items: Button[]): Block => ({ type: 'buttons', buttons: items });

function fallbackLines(b: Block): string[] {
  switch (b.type) {
    case 'text':
    case 'context':
      return [b.text];
    case 'facts':
      return b.facts.map((f) => `${f.label}: ${f.value}`);
    case 'choices':
      return [
        ...(b.label ? [b.label] : []),
        ...b.options.map(
          (o, i) =>
            `${b.numbered === false ? '- ' : `${i + 1}. `}${o.label}${o.description ? ` – ${o.description}` : ''}`,
        ),
      ];
    case 'buttons':
      return [];
    case 'form':
      return [
        ...(b.error ? [b.error] : []),
        ...b.fields.map((f) => (f.error ? `${f.label}: ${f.error}` : f.label)),
      ];
  }
}
