// One catalogue of texts per language: both languages say everything, every code the check, the
// workflow and the digest know has its words, and no other file chooses words by language.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { QUESTION_STEPS } from '../../../src/conversation/check-steps.js';
import { DIRECTIONS } from '../../../src/domain/check/proposal.js';
import { NOTICE_CODES, REASON_CODES, VERDICTS } from '../../../src/domain/check/verdict.js';
import { type Catalogue, textsOf } from '../../../src/domain/texts/catalogue.js';
import { CASE_STATES } from '../../../src/domain/workflow/case-model.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const nl = textsOf('nl');
const en = textsOf('en');

/** A sample argument for any text: "X" as a word (and as each field of an object), 3 as a number. */
const SAMPLE: unknown = new Proxy(
  {},
  {
    get: (_, key) => (key === Symbol.toPrimitive ? (hint: string) => (hint === 'number' ? 3 : 'X') : 'X'),
  },
);

const HOLE = /undefined|\[object |NaN/;

/** What a text function says: with words, then numbers, then objects for its arguments. */
function sayWithSamples(f: (...args: unknown[]) => unknown): string {
  let said = '';
  for (const sample of ['X', 3, SAMPLE]) {
    try {
      said = String(f(...Array.from({ length: Math.max(f.length, 1) }, () => sample)));
      if (!HOLE.test(said)) return said;
    } catch (e) {
      said = String(e);
    }
  }
  return said;
}

/** Every leaf of a catalogue with its path: a string, or what a function says for sample arguments. */
function leaves(node: unknown, path: string[] = []): Array<{ path: string; kind: string; text: string }> {
  if (typeof node === 'string') return [{ path: path.join('.'), kind: 'string', text: node }];
  if (typeof node === 'function') {
    return [
      {
        path: path.join('.'),
        kind: `function/${node.length}`,
        text: sayWithSamples(node as (...args: unknown[]) => unknown),
      },
    ];
  }
  if (node && typeof node === 'object')
    return Object.keys(node)
      .sort()
      .flatMap((k) => leaves((node as Record<string, unknown>)[k], [...path, k]));
  return [{ path: path.join('.'), kind: typeof node, text: '' }];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the catalogue of texts', () => {
  it('has the same texts, of the same kind, in Dutch and in English', () => {
    const shape = (c: Catalogue) => leaves(c).map((l) => `${l.path}:${l.kind}`);
    expect(shape(en)).toEqual(shape(nl));
    expect(leaves(nl).length).toBeGreaterThan(400);
  });

  it('says something in every text, without holes where a value belongs', () => {
    for (const c of [nl, en])
      for (const l of leaves(c)) {
        expect(l.text.trim(), l.path).not.toBe('');
        expect(l.text, l.path).not.toMatch(HOLE);
      }
  });

  it('differs between the languages where it speaks', () => {
    const enTexts = new Map(leaves(en).map((l) => [l.path, l.text]));
    const same = leaves(nl).filter((l) => l.text.length > 25 && enTexts.get(l.path) === l.text);
    expect(same.map((l) => l.path)).toEqual([]);
  });

  it('has words for every verdict, direction, question, case state and rule', () => {
    for (const c of [nl, en]) {
      for (const v of VERDICTS) expect(c.conversation.outcome[v], v).toBeTruthy();
      for (const d of DIRECTIONS) expect(c.conversation.direction[d], d).toBeTruthy();
      for (const s of QUESTION_STEPS) expect(c.conversation.stepHelp[s], s).toBeTruthy();
      for (const s of CASE_STATES) {
        expect(c.conversation.stateLine[s], s).toBeTypeOf('function');
        expect(c.conversation.requesterUpdate[s], s).toBeTypeOf('function');
      }
      for (const r of [...REASON_CODES, ...NOTICE_CODES]) expect(c.digest.rule[r], r).toBeTruthy();
      for (const w of ['high', 'medium', 'low'] as const) expect(c.digest.weight[w], w).toBeTruthy();
    }
  });

  it('is the only place that picks words by language', () => {
    // Formatting numbers, months and articles (src/domain/i18n) follows the language's grammar
    // and is not a text; everything a person reads as a sentence comes from the catalogue.
    const choosers = files(join(ROOT, 'src'))
      .filter((f) => !f.includes('/src/domain/texts/') && !f.includes('/src/domain/i18n/'))
      .filter((f) => /(===\s*'(nl|en)'|\bnl)\s*\?\s*['`]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(choosers).toEqual([]);
  });

  it('fails the type check when a language lacks a text', async () => {
    const dir = mkdtempSync(join(ROOT, 'test/unit/texts/.missing-'));
    try {
      const file = join(dir, 'missing-key.ts');
      writeFileSync(
        file,
        [
          "import type { CheckTexts } from '../../../../src/domain/texts/check-texts.js';",
          "import { checkEn } from '../../../../src/domain/texts/en/check.js';",
          'const { combined: _dropped, ...rest } = checkEn.suggestion;',
          'export const broken: CheckTexts = { ...checkEn, suggestion: rest };',
          '',
        ].join('\n'),
      );
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const run = promisify(execFile)(process.execPath, [
        tsc,
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'NodeNext',
        '--moduleResolution',
        'NodeNext',
        '--target',
        'ES2022',
        '--types',
        'node',
        file,
      ]);
      const failure = await run.then(
        () => null,
        (e: { stdout?: string }) => e.stdout ?? '',
      );
      expect(failure).toMatch(/Property 'combined' is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
