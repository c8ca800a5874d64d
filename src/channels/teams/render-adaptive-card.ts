// A neutral view as an Adaptive Card 1.5 (or, for a line of words, a plain message): picks the
// template for what the view is, builds its data, expands it, and keeps it within Teams' size.

import type { Activity, Attachment } from 'botbuilder';
import type { ActionPayload, Block, View } from '../../conversation/index.js';
import type { Verdict } from '../../domain/check/verdict.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import { type ActionMode, blockItems, type ItemOptions, REFRESH_VERB, titleOf } from './card-data.js';
import { type CardTemplateName, expandTemplate } from './card-templates.js';
import { TEAMS_LIMITS } from './teams-limits.js';
import { escapeMarkdown, plain, stripMentions, truncate } from './teams-text.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export type Tone = 'good' | 'warning' | 'attention' | 'accent';

export interface RenderOptions {
  /** How buttons come back: Action.Submit (default) or Action.Execute (cards about a case). */
  mode?: ActionMode;
  /** The reader's language, for what an empty required field says. */
  locale?: Locale;
  /** A card about a case: who Teams refreshes it for (their user ids) when they see it. */
  refresh?: { caseId: string; userIds: ReadonlyArray<string> } | null;
  /** A line above the card: the answer to the click that produced it. */
  notice?: { text: string; tone: Tone } | null;
}

/** Which template draws a view: by what the view says it is, never by its wording. */
export function cardKindOf(view: View, o: RenderOptions = {}): Exclude<CardTemplateName, 'digest'> {
  switch (view.kind) {
    case 'check_form':
      return 'check-form';
    case 'verdict':
      return 'verdict';
    case 'status':
      return 'status';
    case 'approval':
    case 'case':
    case 'reminder':
      return 'approval';
    default:
      // A card that Teams refreshes, or that carries decision buttons, is about a case.
      return o.refresh || actionsOf(view.blocks).some((a) => a.type === 'decide') ? 'approval' : 'view';
  }
}

function actionsOf(blocks: ReadonlyArray<Block>): ActionPayload[] {
  return blocks.flatMap((b) =>
    b.type === 'buttons'
      ? b.buttons.map((x) => x.action)
      : b.type === 'choices'
        ? b.options.map((x) => x.action)
        : [],
  );
}

const VERDICT_TONE: Record<Verdict, Tone> = {
  within_mandate: 'good',
  escalate: 'warning',
  outside_strategy: 'attention',
};

/** The template's data for a view (exported for the card tests and the samples). */
export function cardData(
  view: View,
  o: RenderOptions,
  limits: Partial<ItemOptions> = {},
): { template: CardTemplateName; data: object } {
  const itemOptions: ItemOptions = {
    mode: o.mode ?? 'submit',
    requiredMessage: textsOf(o.locale ?? 'nl').conversation.required,
    ...limits,
  };
  const kind = cardKindOf(view, o);
  const fallbackText = truncate(stripMentions(view.fallbackText), 2_000);
  const notice = o.notice ? escapeMarkdown(plain(o.notice.text, TEAMS_LIMITS.maxTextChars)) : null;
  const common = { title: titleOf(view), fallbackText, notice };
  switch (kind) {
    case 'verdict': {
      const [first, ...rest] = view.blocks;
      const outcome = first?.type === 'text' ? first.text : '';
      return {
        template: 'verdict',
        data: {
          ...common,
          outcome: escapeMarkdown(outcome),
          tone: VERDICT_TONE[view.verdict ?? 'escalate'],
          items: blockItems(rest, itemOptions),
        },
      };
    }
    case 'approval': {
      const last = view.blocks.at(-1);
      const hoisted = last?.type === 'context';
      const blocks = hoisted ? view.blocks.slice(0, -1) : view.blocks;
      const refresh =
        o.refresh && o.refresh.userIds.length > 0
          ? {
              action: {
                type: 'Action.Execute',
                verb: REFRESH_VERB,
                data: { koers: { type: 'show_case', caseId: o.refresh.caseId } },
              },
              userIds: o.refresh.userIds.slice(0, TEAMS_LIMITS.maxRefreshUserIds),
            }
          : null;
      return {
        template: 'approval',
        data: {
          ...common,
          title: common.title ?? '',
          caseRef: hoisted ? escapeMarkdown(last.text) : null,
          noticeTone:
            o.notice?.tone === 'attention' ? 'attention' : o.notice?.tone === 'good' ? 'good' : 'accent',
          refresh,
          items: blockItems(blocks, itemOptions),
        },
      };
    }
    default:
      return {
        template: kind,
        data: {
          ...common,
          title: kind === 'view' ? common.title : (common.title ?? ''),
          items: blockItems(view.blocks, itemOptions),
        },
      };
  }
}

/** Smaller text limits, tried in turn when a card is over Teams' size. */
const SHRINK: Array<Partial<ItemOptions>> = [
  {},
  { maxTextChars: 600, maxFactValueChars: 200 },
  { maxTextChars: 150, maxFactValueChars: 80 },
];

export function bytesOf(card: object): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** The card for a view, or null when even shortened it would be over Teams' size. */
export function renderCard(view: View, o: RenderOptions = {}): Record<string, unknown> | null {
  for (const limits of SHRINK) {
    const { template, data } = cardData(view, o, limits);
    const card = withViewMarker(expandTemplate(template, data), view);
    if (bytesOf(card) <= TEAMS_LIMITS.maxCardBytes) return card;
  }
  return null;
}

/** The element id that says which view a card shows: `koers-view-KIND` or `koers-view-KIND-CASE`. */
export function viewMarker(view: Pick<View, 'kind' | 'caseId'>): string {
  return `koers-view-${view.kind}${view.caseId ? `-${view.caseId}` : ''}`;
}

/**
 * The card's first element names the view it shows (its kind and case), so whatever reads the
 * card later (a test's log, an operator looking at a conversation) can tell a verdict from an
 * approval without reading its words. An element that has an id of its own keeps it.
 */
export function withViewMarker(
  card: Record<string, unknown>,
  view: Pick<View, 'kind' | 'caseId'>,
): Record<string, unknown> {
  const body = card.body;
  if (!Array.isArray(body) || body.length === 0) return card;
  const [first, ...rest] = body as Array<Record<string, unknown>>;
  if (!first || typeof first !== 'object' || first.id !== undefined) return card;
  return { ...card, body: [{ ...first, id: viewMarker(view) }, ...rest] };
}

export function cardAttachment(card: object): Attachment {
  return { contentType: ADAPTIVE_CARD, content: card };
}

/** A view with only words and no title is sent as a plain message; anything else as a card. */
function isPlainWords(view: View): boolean {
  return (
    !view.title &&
    view.blocks.length > 0 &&
    view.blocks.every((b) => b.type === 'text' || b.type === 'context')
  );
}

/**
 * The message activity for a view. Plain messages use `textFormat: plain`, so Teams applies no
 * Markdown to people's words; a view too large for a card is sent as its (shortened) text.
 */
export function viewActivity(view: View, o: RenderOptions = {}): Partial<Activity> {
  if (isPlainWords(view) && !o.notice) return plainActivity(view.fallbackText);
  const card = renderCard(view, o);
  if (!card) return plainActivity(view.fallbackText);
  return { type: 'message', attachments: [cardAttachment(card)] };
}

export function plainActivity(text: string): Partial<Activity> {
  return { type: 'message', text: truncate(stripMentions(text), 20_000), textFormat: 'plain' };
}
