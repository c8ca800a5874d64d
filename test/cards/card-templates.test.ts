// Every card template, expanded with real views (and the digest with sample data) in Dutch and
// English, parses and validates with the Adaptive Cards object model without a single event, and
// people's words reach the card only escaped.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES, type CardTemplateName } from '../../src/channels/teams/card-templates.js';
import {
  bytesOf,
  cardData,
  cardKindOf,
  type RenderOptions,
  renderCard,
  viewActivity,
} from '../../src/channels/teams/render-adaptive-card.js';
import { digestDataFromView, renderDigestCard } from '../../src/channels/teams/render-digest-card.js';
import { TEAMS_LIMITS } from '../../src/channels/teams/teams-limits.js';
import { digestMessages } from '../../src/channels/teams/teams-sender.js';
import type { View } from '../../src/conversation/index.js';
import { digestPeriod, runningDigestPeriod } from '../../src/domain/digest/period.js';
import { digestView } from '../../src/jobs/views/digest-view.js';
import { digestFixture } from '../unit/digest/digest-fixture.js';
import {
  approvalViews,
  checkFormViews,
  DIGEST_SAMPLE,
  LOCALES,
  otherViews,
  statusViews,
  TEMPLATE_IN_WORDS,
  verdictViews,
} from './sample-views.js';

type AdaptiveCards = typeof import('adaptivecards');
// The package's main entry needs a DOM; the UMD bundle parses and validates under node.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;

function problems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  parsed.parse(card, ctx);
  const out: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) out.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) out.push(`validate: ${e.message}`);
  return out;
}

/** Every string in the card that is shown as Markdown (TextBlock text, facts). */
function markdownStrings(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string' && !o.type) out.push(o.title, o.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

const seen = new Set<CardTemplateName>();

function check(view: View, o: RenderOptions = {}) {
  const card = renderCard(view, o);
  expect(card, view.fallbackText).not.toBeNull();
  if (!card) return;
  seen.add(cardData(view, o).template);
  expect(problems(card)).toEqual([]);
  expect(card.version).toBe('1.5');
  // The hostile words hold a template expression, which must stay as text; nothing of the
  // template itself may be left.
  expect(JSON.stringify(card).replaceAll(TEMPLATE_IN_WORDS, '')).not.toMatch(
    /\$\{|"null"|undefined|\[object Object\]/,
  );
  for (const s of markdownStrings(card)) {
    expect(s).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/); // no live link
    expect(s).not.toMatch(/<at>/i);
    expect(s).not.toMatch(/https?:\/\//);
    expect(s).not.toMatch(/(^|[^\\])\*Evil/);
  }
  return card;
}

describe.each(LOCALES)('card templates in %s', (locale) => {
  it('the check form card: choice sets from the strategy, validation messages on the fields', () => {
    const [empty, invalid] = checkFormViews(locale);
    for (const v of [empty, invalid]) expect(cardKindOf(v!)).toBe('check-form');
    const card = check(empty!, { locale });
    const sets = JSON.stringify(card);
    expect(sets).toContain('"Input.ChoiceSet"');
    expect(sets).toContain('"energy-transition"'); // a priority of the example strategy
    // Money and months are typed as text and read on the server: a client's number input takes
    // `12.500` for twelve and a half.
    expect(sets).not.toContain('"Input.Number"');
    expect(sets).toMatch(/"Input.Text","id":"budget"/);
    expect(sets).toContain('"Input.Toggle"');
    const withErrors = JSON.stringify(check(invalid!, { locale }));
    expect(withErrors).toContain('Geef een bedrag');
    expect(withErrors).toContain('"color":"Attention"');
  });

  it('the verdict card, for each outcome', () => {
    const tones = verdictViews(locale).map((v) => {
      expect(cardKindOf(v)).toBe('verdict');
      const body = check(v, { locale })?.body as Array<{ style?: string }> | undefined;
      return body?.[0]?.style;
    });
    expect(tones).toEqual(['good', 'warning', 'attention']);
  });

  it('the approval card, with Action.Execute for the assignee and a refresh for assignee and delegate', () => {
    const [request, other, decided] = approvalViews(locale);
    const card = check(request!, {
      locale,
      mode: 'execute',
      refresh: { caseId: '7', userIds: ['29:bram', '29:hanna'] },
    });
    expect(card?.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'refresh' },
      userIds: ['29:bram', '29:hanna'],
    });
    expect(JSON.stringify(card)).toContain('"type":"Action.Execute","verb":"koers"');
    const others = check(other!, { locale, mode: 'execute', refresh: { caseId: '7', userIds: ['29:bram'] } });
    expect(JSON.stringify(others)).not.toContain('"verb":"koers"');
    check(decided!, {
      locale,
      mode: 'execute',
      notice: { text: 'Deze beslissing ligt niet bij u.', tone: 'attention' },
    });
  });

  it('the status card', () => {
    for (const v of statusViews(locale)) {
      expect(cardKindOf(v)).toBe('status');
      check(v, { locale });
    }
  });

  it('the generic view card: the dialog, help, decision and answer forms, updates, channel posts', () => {
    for (const v of otherViews(locale)) check(v, { locale });
  });

  it('the digest card, with its chart', () => {
    const card = renderDigestCard(DIGEST_SAMPLE(locale));
    seen.add('digest');
    expect(problems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"type":"Image"');
    for (const s of markdownStrings(card)) expect(s).not.toMatch(/https?:\/\//);
  });
});

describe('cards and Teams limits', () => {
  it('every template was drawn', () => {
    expect([...seen].sort()).toEqual([...CARD_TEMPLATES].sort());
  });

  it('a digest image that is not ours is left out', () => {
    const card = renderDigestCard({ ...DIGEST_SAMPLE('nl'), imageUrl: 'javascript:alert(1)' });
    expect(JSON.stringify(card)).not.toContain('"type":"Image"');
  });

  it('shrinks an oversized case to fit a Teams message, and sends a plain message past that', () => {
    const [request] = approvalViews('nl');
    const huge: View = {
      ...request!,
      blocks: [
        ...request!.blocks,
        ...Array.from({ length: 40 }, () => ({ type: 'text' as const, text: 'x'.repeat(3000) })),
      ],
    };
    const card = renderCard(huge, { mode: 'execute' });
    expect(card).not.toBeNull();
    expect(bytesOf(card!)).toBeLessThanOrEqual(TEAMS_LIMITS.maxCardBytes);
    const endless: View = {
      kind: 'notice',
      title: 't',
      blocks: Array.from({ length: 2000 }, () => ({ type: 'text' as const, text: 'y'.repeat(200) })),
      fallbackText: 'z'.repeat(100_000),
    };
    const activity = viewActivity(endless);
    expect(activity.attachments).toBeUndefined();
    expect(activity.textFormat).toBe('plain');
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThan(28_000 * 2);
  });

  it('sends a line of words as a plain message, not as a card', () => {
    const a = viewActivity({
      kind: 'notice',
      blocks: [{ type: 'text', text: 'Goedgekeurd. <at>Bram</at>' }],
      fallbackText: 'Goedgekeurd. <at>Bram</at>',
    });
    expect(a).toMatchObject({ text: 'Goedgekeurd. Bram', textFormat: 'plain' });
  });
});

describe('the digest through Teams', () => {
  const view: View = {
    kind: 'digest',
    title: 'Portfolio-overzicht week 47',
    blocks: [
      { type: 'context', text: '17–23 november 2026' },
      { type: 'text', text: 'Deze week', emphasis: true },
      { type: 'facts', facts: [{ label: 'Nieuwe toetsen', value: '5' }] },
      { type: 'text', text: '• TU Delft\n• Deltares' },
    ],
    digest: {
      subtitle: '17–23 november 2026',
      sections: [
        {
          heading: 'Deze week',
          facts: [{ label: 'Nieuwe toetsen', value: '5' }],
          lines: ['TU Delft', 'Deltares'],
        },
      ],
    },
    fallbackText: 'Portfolio-overzicht week 47',
  };
  const post = (png: Buffer) => ({
    mode: 'post' as const,
    recipient: {
      kind: 'channel' as const,
      channel: 'strategy' as const,
      channelId: '19:strategy@thread.tacv2',
    },
    view,
    trackForCase: false,
    image: { png, filename: 'chart.png', alt: 'Portfolio per prioriteit' },
  });

  it('puts a small chart inside the card', () => {
    const [card, chart] = digestMessages(post(Buffer.alloc(2_000, 1)));
    expect(chart).toBeUndefined();
    const content = card.attachments?.[0]?.content as object;
    expect(problems(content)).toEqual([]);
    expect(JSON.stringify(content)).toContain('"type":"Image"');
    expect(JSON.stringify(content)).toContain('Deltares');
  });

  it("shows the small print before the first section under the title: the period, and a running digest's note", () => {
    const running = digestView(
      digestFixture({
        period: runningDigestPeriod(
          digestPeriod(new Date('2026-12-07T07:00:00.000Z'), 'Europe/Amsterdam'),
          new Date('2026-12-02T09:30:00.000Z'),
        ),
      }),
      'nl',
    );
    const data = digestDataFromView(running, null);
    const [period, note] = running.blocks;
    expect(period?.type === 'context' && note?.type === 'context').toBe(true);
    if (period?.type !== 'context' || note?.type !== 'context') return;
    expect(data.subtitle).toBe(`${period.text}\n\n${note.text}`);
    expect(data.sections.map((x) => x.heading)).toEqual(
      running.blocks.flatMap((b) => (b.type === 'text' && b.emphasis ? [b.text] : [])),
    );
  });

  it('draws the card from the sections the view carries, not from how its blocks are laid out', () => {
    // The same digest with its blocks reworded and regrouped: the card does not change.
    const reworded: View = {
      ...view,
      blocks: [{ type: 'text', text: 'Iets anders', emphasis: true }],
    };
    expect(digestMessages(post(Buffer.alloc(10, 1)))).toEqual(
      digestMessages({ ...post(Buffer.alloc(10, 1)), view: reworded }),
    );
    const card = JSON.stringify(digestMessages(post(Buffer.alloc(10, 1)))[0].attachments?.[0]?.content);
    expect(card).toContain('Deze week');
    expect(card).not.toContain('Iets anders');
  });

  it('shows a value that is only a dash as a dash, not as an empty bullet', () => {
    const card = renderDigestCard({
      title: 'Portfoliodigest',
      sections: [
        { heading: 'Waarde', facts: [{ label: 'Gemiddelde bijdrage (1-5)', value: '-' }], lines: ['- los'] },
      ],
      imageUrl: null,
      fallbackText: 'Portfoliodigest',
    });
    const text = JSON.stringify(card);
    expect(text).toContain('"value":"\\\\-"');
    expect(text).toContain('"text":"\\\\- los"');
  });

  it('sends a chart too large for a Teams card as an image message of its own', () => {
    const [card, chart] = digestMessages(post(Buffer.alloc(40_000, 1)));
    expect(bytesOf(card.attachments?.[0]?.content as object)).toBeLessThanOrEqual(TEAMS_LIMITS.maxCardBytes);
    expect(JSON.stringify(card)).not.toContain('"type":"Image"');
    expect(chart?.attachments?.[0]).toMatchObject({ contentType: 'image/png', name: 'chart.png' });
  });

  it('leaves such a chart out in the demo: the Agents Playground shows no image attachments', () => {
    const [card, chart] = digestMessages(post(Buffer.alloc(40_000, 1)), { imageMessage: false });
    expect(chart).toBeUndefined();
    expect(JSON.stringify(card)).toContain('Deltares');
  });
});
