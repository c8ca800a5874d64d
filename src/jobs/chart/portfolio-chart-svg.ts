// The digest's picture: one bar per priority (and one for exploration), its length the number of
// active relationships, stacked by intensity, with the budget and the weight beside it. Plain
// SVG text; every label is escaped. Rendered to PNG by render-chart-png.ts.
import type { Digest, PriorityMix } from '../../domain/digest/digest-model.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { digestWords } from '../views/digest-format.js';

/** Okabe-Ito colours: told apart with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const WIDTH = 900;
const ROW = 34;
const TOP = 64;
const LABEL_W = 260;
const BAR_X = LABEL_W + 10;
const BAR_W = 420;

export function portfolioChartSvg(digest: Digest, locale: Locale): string {
  const w = digestWords(locale);
  const rows = digest.portfolio.priorities;
  const max = Math.max(1, ...rows.map((r) => r.relationships));
  const intensities = digest.portfolio.intensities;
  const legendY = TOP + rows.length * ROW + 24;
  const height = legendY + 40;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="17" font-weight="bold" fill="#1a1a1a">${esc(w.chartTitle(digest.period.label))}</text>`,
    `<text x="16" y="48" fill="#555555">${esc(w.chartSubtitle(digest.portfolio.active, formatMoney(digest.portfolio.budget, digest.currency, locale)))}</text>`,
  );
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    out.push(
      `<text x="16" y="${y + 20}" fill="#1a1a1a">${esc(truncate(rowLabel(digest, r, locale), 34))}</text>`,
    );
    let x = BAR_X;
    intensities.forEach((id, k) => {
      const n = r.byIntensity[id] ?? 0;
      if (n === 0) return;
      const width = (n / max) * BAR_W;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y + 6}" width="${width.toFixed(1)}" height="${ROW - 12}" fill="${PALETTE[k % PALETTE.length]}"/>`,
      );
      x += width;
    });
    const flag =
      r.flag === 'under_invested'
        ? ` ▼ ${w.flagShort.under_invested}`
        : r.flag === 'over_invested'
          ? ` ▲ ${w.flagShort.over_invested}`
          : '';
    const detail = `${r.relationships} · ${formatMoney(r.budget, digest.currency, locale)}${flag}`;
    out.push(
      `<text x="${(x + 8).toFixed(1)}" y="${y + 20}" fill="${flag ? '#B00020' : '#333333'}">${esc(detail)}</text>`,
    );
  });
  let lx = 16;
  intensities.forEach((id, k) => {
    const name = truncate(digest.labels.intensities[id]?.[locale] ?? id, 28);
    out.push(`<rect x="${lx}" y="${legendY}" width="14" height="14" fill="${PALETTE[k % PALETTE.length]}"/>`);
    out.push(`<text x="${lx + 20}" y="${legendY + 12}" fill="#333333">${esc(name)}</text>`);
    lx += 20 + name.length * 8 + 24;
  });
  out.push('</svg>');
  return out.join('\n');
}

function rowLabel(digest: Digest, r: PriorityMix, locale: Locale): string {
  const w = digestWords(locale);
  if (r.id === null) return w.exploration;
  const name = digest.labels.priorities[r.id]?.[locale] ?? r.id;
  return `${name} (${r.weight ? w.weight[r.weight] : '?'})`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
