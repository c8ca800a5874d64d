// The compiled card templates against adaptivecards-templating itself: for every template, the
// real views of every kind in both languages (with the options Teams draws them with), and
// thousands of generated data objects (values missing, null, empty, of the wrong kind), the two give
// the same card, byte for byte. A template written with more of the language than the compiler
// reads is not compiled, and is then expanded by the library.
import { describe, expect, it } from 'vitest';
import {
  CARD_TEMPLATES,
  type CardTemplateName,
  libraryExpander,
  templateJson,
} from '../../src/channels/teams/card-templates.js';
import { compileTemplate } from '../../src/channels/teams/compiled-template.js';
import { cardData, type RenderOptions } from '../../src/channels/teams/render-adaptive-card.js';
import { digestTemplateData } from '../../src/channels/teams/render-digest-card.js';
import type { View } from '../../src/conversation/index.js';
import { seededRandom } from '../support/seeded-random.js';
import {
  approvalViews,
  checkFormViews,
  DIGEST_SAMPLE,
  LOCALES,
  otherViews,
  statusViews,
  verdictViews,
} from './sample-views.js';

/** A template expression `${e}`, written so that no linter takes it for a mistyped template literal. */
const x = (e: string) => ['$', `{${e}}`].join('');

const compiled = (name: CardTemplateName) => {
  const expand = compileTemplate(templateJson(name));
  if (!expand) throw new Error(`${name} was not compiled`);
  return expand;
};
const library = (name: CardTemplateName) => libraryExpander(templateJson(name));

function same(name: CardTemplateName, data: object) {
  expect(JSON.stringify(compiled(name)(data))).toBe(JSON.stringify(library(name)(data)));
}

const OPTIONS: RenderOptions[] = [
  {},
  { mode: 'execute' },
  { mode: 'execute', refresh: { caseId: '7', userIds: ['29:bram', '29:hanna'] } },
  { mode: 'execute', notice: { text: 'Deze beslissing ligt niet bij u.', tone: 'attention' } },
  { notice: { text: 'Gelukt.', tone: 'good' } },
];

describe('compiled card templates', () => {
  it('every template of Koers is compiled', () => {
    for (const name of CARD_TEMPLATES) expect(compileTemplate(templateJson(name)), name).not.toBeNull();
  });

  it.each(LOCALES)('give the same cards as adaptivecards-templating for the real views in %s', (locale) => {
    const views: View[] = [
      ...verdictViews(locale),
      ...checkFormViews(locale),
      ...approvalViews(locale),
      ...statusViews(locale),
      ...otherViews(locale),
    ];
    const drawn = new Set<string>();
    for (const view of views)
      for (const o of OPTIONS)
        for (const limits of [{}, { maxTextChars: 150, maxFactValueChars: 80 }]) {
          const { template, data } = cardData(view, { locale, ...o }, limits);
          drawn.add(template);
          same(template, data);
        }
    same('digest', digestTemplateData(DIGEST_SAMPLE(locale)));
    same('digest', digestTemplateData({ ...DIGEST_SAMPLE(locale), imageUrl: null, subtitle: null }));
    expect([...drawn, 'digest'].sort()).toEqual([...CARD_TEMPLATES].sort());
  });

  it('give the same cards for generated data: values missing, null, empty or of another kind', () => {
    const rnd = seededRandom(11);
    for (const name of CARD_TEMPLATES) {
      const names = [...JSON.stringify(templateJson(name)).matchAll(/\$\{([^}]*)\}/g)]
        .flatMap((m) => (m[1] as string).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])
        .filter((n) => !['null', 'count'].includes(n));
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      const value = (depth: number): unknown => {
        const leaves = [undefined, null, '', `tekst ${x('x')}`, 0, 3, true, false, [], ['a', 1]];
        if (depth >= 2 || rnd() < 0.5) return pick(leaves);
        return rnd() < 0.5
          ? Array.from({ length: Math.floor(rnd() * 3) }, () => object(depth + 1))
          : object(depth + 1);
      };
      const object = (depth: number): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        for (const n of new Set(names)) if (rnd() < 0.35) out[n] = value(depth);
        return out;
      };
      for (let i = 0; i < 300; i++) same(name, object(0));
    }
  });

  it('leave a template with more of the language than they read to the library', () => {
    const card = (body: unknown) => ({ type: 'AdaptiveCard', version: '1.5', body: [body] });
    expect(compileTemplate(card({ type: 'TextBlock', text: `Hallo ${x('name')}` }))).toBeNull();
    expect(compileTemplate(card({ type: 'TextBlock', text: x('if(a, b, c)') }))).toBeNull();
    expect(compileTemplate(card({ $when: x('a == 1'), type: 'TextBlock', text: 'x' }))).toBeNull();
    expect(compileTemplate(card({ type: 'TextBlock', text: x('$root.name') }))).toBeNull();
    expect(compileTemplate({ type: 'AdaptiveCard', $when: x('a != null'), body: [] })).toBeNull();
    const plain = compileTemplate(card({ type: 'TextBlock', text: x('name') }));
    expect(plain?.({ name: 'Deltares' })).toEqual(card({ type: 'TextBlock', text: 'Deltares' }));
  });
});
