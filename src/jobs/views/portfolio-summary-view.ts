// `/koers portfolio`: the portfolio part of the digest, short, on request. Every figure says what
// it counts, and the rows add up to the total above them: the priorities, exploration and the
// relationships on a priority the strategy no longer has.
import type { Block, View } from '../../conversation/view.js';
import type { Digest } from '../../domain/digest/digest-model.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { digestWords, formatPercent } from './digest-format.js';
import { partnerName, priorityName } from './digest-sections.js';

/** Fragmented partners named in the summary; the digest names more. */
const SUMMARY_PARTNERS = 3;

export interface PortfolioSummaryOptions {
  /** The digest so far was just posted to the alliance team channel (the local demo). */
  posted?: boolean;
}

export function portfolioSummaryView(
  digest: Digest,
  locale: Locale,
  options: PortfolioSummaryOptions = {},
): View {
  const w = digestWords(locale);
  const p = digest.portfolio;
  const money = (n: number) => formatMoney(n, digest.currency, locale);
  const unknownBudget = p.budget - p.priorities.reduce((sum, m) => sum + m.budget, 0);
  const facts = [
    { label: w.portfolio.active, value: w.portfolio.activeValue(p.active, money(p.budget)) },
    ...p.priorities
      .filter((m) => m.id !== null)
      .map((m) => ({
        label: `${priorityName(digest, m.id, locale)} (${m.weight ? w.weight[m.weight] : '?'})`,
        value: `${w.portfolio.summaryRow(m.relationships, money(m.budget), formatPercent(m.budgetShare, locale))}${m.flag ? ` · ⚠ ${w.flag[m.flag]}` : ''}`,
      })),
    {
      label: w.exploration,
      value: w.portfolio.explorationValue(
        p.exploration.active,
        formatPercent(p.exploration.share, locale),
        p.exploration.maxActive === null || p.exploration.left === null
          ? w.portfolio.noAllowance
          : w.portfolio.left(p.exploration.left, p.exploration.maxActive),
      ),
    },
    ...(p.unknownPriority > 0
      ? [
          {
            label: w.portfolio.unknownLabel,
            value: w.portfolio.unknownValue(p.unknownPriority, money(unknownBudget)),
          },
        ]
      : []),
    { label: w.summary.waiting, value: w.summary.waitingValue(digest.waiting.total) },
    { label: w.summary.reviewsDue, value: w.summary.reviewsDueValue(digest.value.reviewsDue) },
    // Last, so the partners it counts follow it directly.
    {
      label: w.summary.fragmented,
      value: w.summary.fragmentedValue(digest.fragmentation.partnersWithSeveral),
    },
  ];
  const fragmented = digest.fragmentation;
  const top = fragmented.partners
    .slice(0, SUMMARY_PARTNERS)
    .map((f) => w.fragmentation.partnerLine(partnerName(f.partner, w), f.relationships, f.units, f.owners));
  const untold = fragmented.partnersWithSeveral - top.length;
  if (untold > 0) top.push(w.fragmentation.andMore(untold));
  const more = options.posted ? w.summary.posted : w.summary.more;
  const blocks: Block[] = [{ type: 'facts', facts }];
  if (top.length > 0) blocks.push({ type: 'text', text: top.map((l) => `• ${l}`).join('\n') });
  blocks.push({ type: 'context', text: more });
  const fallbackText = [
    w.summary.title,
    ...facts.map((f) => `${f.label}: ${f.value}`),
    ...top.map((l) => `• ${l}`),
    more,
  ].join('\n');
  return { kind: 'portfolio', title: w.summary.title, blocks, fallbackText };
}
