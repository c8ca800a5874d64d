// `/koers portfolio`: the portfolio part of the digest, short, on request.
import type { Block, View } from '../../conversation/view.js';
import type { Digest } from '../../domain/digest/digest-model.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { partnerName, priorityName } from './digest-sections.js';
import { digestWords, formatPercent } from './digest-words.js';

export function portfolioSummaryView(digest: Digest, locale: Locale): View {
  const w = digestWords(locale);
  const p = digest.portfolio;
  const money = (n: number) => formatMoney(n, digest.currency, locale);
  const facts = [
    { label: w.portfolio.active, value: w.portfolio.activeValue(p.active, money(p.budget)) },
    ...p.priorities
      .filter((m) => m.id !== null)
      .map((m) => ({
        label: `${priorityName(digest, m.id, locale)} (${m.weight ? w.weight[m.weight] : '?'})`,
        value: `${m.relationships} · ${money(m.budget)} · ${formatPercent(m.budgetShare, locale)}${m.flag ? ` · ⚠ ${w.flag[m.flag]}` : ''}`,
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
    { label: w.summary.fragmented, value: String(digest.fragmentation.partnersWithSeveral) },
    { label: w.summary.waiting, value: String(digest.waiting.total) },
    { label: w.summary.reviewsDue, value: String(digest.value.reviewsDue) },
  ];
  const top = digest.fragmentation.partners
    .slice(0, 3)
    .map((f) => w.fragmentation.partnerLine(partnerName(f.partner, w), f.relationships, f.units, f.owners));
  const blocks: Block[] = [{ type: 'facts', facts }];
  if (top.length > 0) blocks.push({ type: 'text', text: top.map((l) => `• ${l}`).join('\n') });
  blocks.push({ type: 'context', text: w.summary.more });
  const fallbackText = [
    w.summary.title,
    ...facts.map((f) => `${f.label}: ${f.value}`),
    ...top.map((l) => `• ${l}`),
    w.summary.more,
  ].join('\n');
  return { kind: 'portfolio', title: w.summary.title, blocks, fallbackText };
}
