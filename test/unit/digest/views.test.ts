// The digest's views: the neutral View for the channels, the plain text for the CLI, the short
// portfolio summary, and the chart; in Dutch and English, within the platforms' limits.
import { describe, expect, it } from 'vitest';
import { LIST_LIMIT } from '../../../src/domain/digest/digest-model.js';
import { digestPeriod, runningDigestPeriod } from '../../../src/domain/digest/period.js';
import { portfolioMix } from '../../../src/domain/digest/priority-flags.js';
import { portfolioChartSvg } from '../../../src/jobs/chart/portfolio-chart-svg.js';
import { renderChartPng } from '../../../src/jobs/chart/render-chart-png.js';
import { digestText, digestView } from '../../../src/jobs/views/digest-view.js';
import { portfolioSummaryView } from '../../../src/jobs/views/portfolio-summary-view.js';
import { exampleStrategy } from '../../support/example-strategy.js';
import { digestFixture } from './digest-fixture.js';

describe('the digest view', () => {
  const d = digestFixture();

  it('has a section per question, in Dutch and in English, with € amounts as Intl writes them', () => {
    const nl = digestView(d, 'nl');
    expect(nl.title).toBe('Portfoliodigest 2026-W48');
    const headings = nl.blocks
      .filter((b) => b.type === 'text' && b.emphasis)
      .map((b) => (b.type === 'text' ? b.text : ''));
    expect(headings).toEqual([
      'Deze week',
      'Wacht op een besluit',
      'Portfolio en prioriteiten',
      'Versnippering',
      'Waarde',
      'IJken van de strategie',
    ]);
    const en = digestView(d, 'en');
    expect(
      en.blocks.filter((b) => b.type === 'text' && b.emphasis).map((b) => (b.type === 'text' ? b.text : '')),
    ).toEqual([
      'This week',
      'Waiting for a decision',
      'Portfolio and priorities',
      'Fragmentation',
      'Value',
      'Calibrating the strategy',
    ]);
    expect(digestText(d, 'nl')).toContain('€\u00a090.000');
    expect(digestText(d, 'en')).toContain('€90,000');
  });

  it('shows the flags, the allowance left and the pinching mandate', () => {
    const text = digestText(d, 'nl');
    expect(text).toMatch(/Woningbouw en ruimte \(hoog\):.*weinig geïnvesteerd voor een hoge prioriteit/);
    expect(text).toMatch(/Gezondheid en leefomgeving \(laag\):.*veel geïnvesteerd voor een lage prioriteit/);
    expect(text).toContain('ruimte over: 3 van 4');
    expect(text).toContain('Medewerker, budget €\u00a010.000: 5 van 6 escalaties hooguit 25 % erboven');
    expect(digestText(d, 'en')).toContain(
      'Employee, budget €10,000: 5 of 6 escalations at most 25% above it',
    );
  });

  it('names confidential partners only as such', () => {
    expect(digestText(d, 'nl').match(/vertrouwelijke partner/g)?.length).toBe(3);
    expect(digestText(d, 'en').match(/confidential partner/g)?.length).toBe(3);
  });

  it('stays within Slack limits (50 blocks, 3,000 characters a text, 10 facts a block) at the largest lists', () => {
    const many = <T>(x: T, n: number) => Array.from({ length: n }, () => x);
    const big = digestFixture({
      thisWeek: {
        ...d.thisWeek,
        newRelationships: many(
          {
            ...(d.thisWeek.newRelationships[0] as (typeof d.thisWeek.newRelationships)[0]),
            partner: 'P'.repeat(200),
          },
          LIST_LIMIT,
        ),
        endedRelationships: many(
          {
            ...(d.thisWeek.newRelationships[0] as (typeof d.thisWeek.newRelationships)[0]),
            partner: 'Q'.repeat(200),
          },
          LIST_LIMIT,
        ),
      },
      value: {
        ...d.value,
        reported: many(
          { ...(d.value.reported[0] as (typeof d.value.reported)[0]), delivered: 'x'.repeat(280) },
          LIST_LIMIT,
        ),
      },
    });
    for (const locale of ['nl', 'en'] as const) {
      const v = digestView(big, locale);
      expect(v.blocks.length).toBeLessThanOrEqual(50);
      for (const b of v.blocks) {
        if (b.type === 'text' || b.type === 'context') expect(b.text.length).toBeLessThanOrEqual(3000);
        if (b.type === 'facts') expect(b.facts.length).toBeLessThanOrEqual(10);
      }
    }
  });

  it('summarises the portfolio for /koers portfolio, every figure with what it counts', () => {
    const v = portfolioSummaryView(d, 'en');
    expect(v.title).toBe('Portfolio');
    expect(v.fallbackText).toContain('Active relationships: 15 relationships · €291,500');
    expect(v.fallbackText).toContain(
      'Energy transition (high): 9 relationships · €90,000 · 31% of the budget on priorities',
    );
    expect(v.fallbackText).toContain('Exploration (no priority): 1 relationship (7% of all active)');
    expect(v.fallbackText).toContain('Partners spread across units or owners: 2 partners');
    expect(v.fallbackText).toContain('Waiting for a decision: 1 case');
    expect(v.fallbackText).toContain('Review overdue: 4 relationships');
    expect(v.fallbackText).toContain('confidential partner');
    expect(v.fallbackText).not.toMatch(/undefined|NaN/);
    const nl = portfolioSummaryView(d, 'nl').fallbackText;
    expect(nl).toContain('Actieve samenwerkingen: 15 samenwerkingen · €\u00a0291.500');
    expect(nl).toContain(
      'Energietransitie (hoog): 9 samenwerkingen · €\u00a090.000 · 31% van het budget op prioriteiten',
    );
    expect(nl).toContain('Partners verspreid over afdelingen of eigenaren: 2 partners');
    expect(nl).toContain('Wacht op een besluit: 1 zaak');
    // No bare figures: every value starts with a count and the noun it counts.
    for (const line of nl.split('\n').filter((l) => /: \d/.test(l)))
      expect(line, line).toMatch(/: \d+ (samenwerking|partner|zaak|zaken)/);
  });

  it('the summary rows add up to its total, and its list names as many partners as it counts', () => {
    const s = exampleStrategy();
    const portfolio = portfolioMix(
      [
        { priority: 'energy-transition', intensity: 'project', relationships: 9, budget: 90_000 },
        { priority: 'space-travel', intensity: 'project', relationships: 2, budget: 7_000 },
        { priority: null, intensity: 'exchange', relationships: 1, budget: 1_000 },
      ],
      {
        priorities: [...s.priorities.values()].map((p) => ({ id: p.id, weight: p.weight })),
        intensities: s.intensityList.map((i) => i.id),
        exploration: s.exploration,
      },
    );
    const partner = { partnerKey: 'x', partner: 'X', relationships: 2, units: 2, owners: 1 };
    const many = digestFixture({
      portfolio,
      fragmentation: {
        partnersWithSeveral: 5,
        partners: ['A', 'B', 'C', 'D', 'E'].map((p) => ({ ...partner, partnerKey: p, partner: p })),
        units: [],
      },
    });
    const text = portfolioSummaryView(many, 'en').fallbackText;
    expect(text).toContain('Active relationships: 12 relationships · €98,000');
    expect(text).toContain('Priority not (or no longer) in the strategy: 2 relationships · €7,000');
    const counted = [...text.matchAll(/: (\d+) relationships? · /g)].map((m) => Number(m[1]));
    const [total, ...rows] = counted;
    expect(rows.reduce((a, b) => a + b, 1 /* exploration */)).toBe(total);
    expect(text).toContain('• C: 2 relationships');
    // The partners follow the fact that counts them.
    expect(text).toMatch(/Partners spread across units or owners: 5 partners\n• A: /);
    expect(text).toContain('• and 2 other partners');
    expect(portfolioSummaryView(many, 'nl').fallbackText).toContain('• en 2 andere partners');
  });

  it('says in the demo that the digest so far was just posted', () => {
    expect(portfolioSummaryView(d, 'nl', { posted: true }).fallbackText).toContain(
      'De digest van deze week tot nu toe staat nu in het kanaal van het alliantieteam.',
    );
    expect(portfolioSummaryView(d, 'nl').fallbackText).toContain('komt wekelijks');
  });

  it('titles a running period "so far" and says when the weekly digest follows', () => {
    const running = digestFixture({
      period: runningDigestPeriod(
        digestPeriod(new Date('2026-12-07T07:00:00.000Z'), 'Europe/Amsterdam'),
        new Date('2026-12-02T09:30:00.000Z'),
      ),
    });
    const nl = digestText(running, 'nl');
    expect(nl).toMatch(
      /^Portfoliodigest 2026-W49 tot nu toe\nProvincie Midden-Holland · van 30 nov 2026 tot nu \(2 dec 2026 om 10:30\)\nEen tussenstand: de weekdigest over deze periode volgt op 7 dec 2026 om 08:00/,
    );
    expect(digestView(running, 'en').title).toBe('Portfolio digest 2026-W49 so far');
    expect(digestText(running, 'en')).toContain('from 30 Nov 2026 to now (2 Dec 2026 at 10:30)');
    expect(digestText(d, 'nl')).not.toMatch(/tot nu|tussenstand/);
  });
});

describe('the chart', () => {
  it('escapes labels and draws one row per priority plus exploration', () => {
    const d = digestFixture();
    d.labels.priorities.housing = { nl: 'Wonen <&> "ruimte"', en: 'Housing' };
    const svg = portfolioChartSvg(d, 'nl');
    expect(svg).toContain('Wonen &lt;&amp;&gt; &quot;ruimte&quot;');
    expect(svg).not.toContain('<&>');
    expect(svg.match(/<text x="16" y="\d+" fill="#1a1a1a">/g)).toHaveLength(7);
  });

  it('renders a PNG with text when DejaVu Sans is installed, and bars only without a font', async () => {
    const svg = portfolioChartSvg(digestFixture(), 'en');
    const withFont = await renderChartPng(svg);
    const without = await renderChartPng(svg, ['/nonexistent/font.ttf']);
    expect(withFont.png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(withFont.png.readUInt32BE(16)).toBe(900); // IHDR width
    expect(without.withText).toBe(false);
    expect(withFont.withText).toBe(true);
    expect(withFont.png.length).toBeGreaterThan(without.png.length); // the text adds pixels
  });
});
