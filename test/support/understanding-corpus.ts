// The understanding corpus (test/fixtures/understanding/): each phrasing run through the same
// code a chat message goes through (the words, the one-message start, the dialog's answers, the
// register lookup), against the corpus's own strategy and register, and judged as the person
// meant it. Used by the corpus tests and by `npm run bench -- understanding`.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { answerValue } from '../../src/conversation/answer-values.js';
import type { CheckContext } from '../../src/conversation/check-context.js';
import type { CheckDialogState } from '../../src/conversation/check-dialog-state.js';
import type { CheckAnswers, QuestionStep } from '../../src/conversation/check-steps.js';
import { continueCheck, startCheck, type Turn } from '../../src/conversation/guided-check.js';
import { parseCommand } from '../../src/conversation/parse-command.js';
import { partnerToLookUp } from '../../src/conversation/partner-lookup.js';
import { replyLocaleUnder } from '../../src/conversation/understanding/strategy-lexicon.js';
import { NEAR_MATCH_THRESHOLD, nearMatchScore } from '../../src/domain/portfolio/near-match.js';
import { partnerKey, partnerKeysOf } from '../../src/domain/portfolio/partner-key.js';
import type { Strategy } from '../../src/domain/strategy/compile-strategy.js';
import type { Locale } from '../../src/domain/strategy/strategy-schema.js';
import { strategyFromText } from './example-strategy.js';

const DIR = new URL('../fixtures/understanding/', import.meta.url);

export interface CorpusCase {
  at: string;
  say: string;
  lang: Locale;
  profile?: Locale;
  tags: string[];
  expect: Record<string, unknown>;
}

export interface CaseResult {
  c: CorpusCase;
  /** Read as meant at the first try (or asked back where a colleague would ask). */
  understood: boolean;
  /** A value stored that the person did not mean. */
  misread: boolean;
  /** Misread, and the reply does not say the value back. */
  silent: boolean;
  detail: string;
}

export interface Corpus {
  strategy: Strategy;
  cases: CorpusCase[];
  register: string[];
}

export function loadCorpus(): Corpus {
  const file = parseYaml(readFileSync(new URL('corpus.yaml', DIR), 'utf8')) as {
    strategy: string;
    register: string;
    cases: CorpusCase[];
  };
  const strategy = strategyFromText(readFileSync(new URL(file.strategy, DIR), 'utf8'));
  const register = readFileSync(new URL(file.register, DIR), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',')[0] as string);
  return { strategy, cases: file.cases, register };
}

const FIELDS = [
  'partnerName',
  'priority',
  'intensity',
  'budget',
  'months',
  'direction',
  'confidential',
] as const;
const STEP_FIELD: Record<QuestionStep, keyof CheckAnswers> = {
  partner: 'partnerName',
  partnerType: 'partnerType',
  priority: 'priority',
  intensity: 'intensity',
  budget: 'budget',
  months: 'months',
  direction: 'direction',
  confidential: 'confidential',
};

function context(corpus: Corpus, locale: Locale): CheckContext {
  const keys = new Set(corpus.register.map(partnerKey));
  const lowest = corpus.strategy.roleList[0]?.id ?? '';
  return {
    strategy: corpus.strategy,
    locale,
    person: { id: 'u-femke', name: 'Femke Dijkstra', role: lowest, known: true },
    existingWith: () => [],
    knownPartner: (name) => keys.has(partnerKey(name)),
    now: new Date('2026-12-03T10:00:00Z'),
  };
}

const said = (turn: Turn) => turn.views.map((v) => v.fallbackText).join('\n');

function stepOf(field: keyof CheckAnswers): QuestionStep {
  return (Object.entries(STEP_FIELD).find(([, f]) => f === field)?.[0] ?? 'partner') as QuestionStep;
}

/** Was a stored value said back to the person in this turn's reply? */
function saidBack(ctx: CheckContext, turn: Turn, answers: CheckAnswers, field: keyof CheckAnswers): boolean {
  const shown = answerValue(ctx, stepOf(field), answers);
  return shown !== null && said(turn).toLowerCase().includes(shown.toLowerCase());
}

function sameSet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  const norm = (xs: ReadonlyArray<string>) =>
    [...xs]
      .map((x) => x.trim().toLowerCase())
      .sort()
      .join('|');
  return norm(a) === norm(b);
}

export function runCase(corpus: Corpus, c: CorpusCase): CaseResult {
  const profile = c.profile ?? 'nl';
  const problems: string[] = [];
  let misread = false;
  let silent = false;
  const wantLang = c.expect.replyLang as Locale | undefined;
  const locale = replyLocaleUnder(corpus.strategy, c.say, profile);
  if (wantLang && wantLang !== locale) problems.push(`reply in ${locale}, wanted ${wantLang}`);
  const ctx = context(corpus, locale);

  if (c.at === 'start') {
    const { command } = parseCommand(c.say);
    const intent = command.kind === 'small_talk' ? command.talk : command.kind;
    if (intent !== c.expect.intent) problems.push(`intent ${intent}, wanted ${String(c.expect.intent)}`);
    if (command.kind === 'who' && c.expect.who !== undefined) {
      if (!partnerKeysOf(command.partner ?? '').includes(partnerKey(String(c.expect.who))))
        problems.push(`who ${command.partner}, wanted ${String(c.expect.who)}`);
    }
    if (command.kind === 'check') {
      const turn = startCheck(ctx, command.text);
      const state = turn.state as CheckDialogState;
      const a = state.answers;
      for (const f of FIELDS) {
        const want = c.expect[f];
        const got = a[f];
        if (want === undefined && got === undefined) continue;
        if (want !== undefined && got === undefined) {
          problems.push(`${f} not read (wanted ${JSON.stringify(want)})`);
          continue;
        }
        if (
          want === got ||
          (typeof want === 'string' &&
            typeof got === 'string' &&
            f === 'partnerName' &&
            want.trim() === got.trim())
        )
          continue;
        misread = true;
        problems.push(`${f} stored ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
        if (!saidBack(ctx, turn, a, f)) silent = true;
      }
      const choices = c.expect.partnerChoices as string[] | undefined;
      if (choices && !sameSet(choices, state.partnerChoices ?? [])) {
        problems.push(
          `partner choices ${JSON.stringify(state.partnerChoices ?? [])}, wanted ${JSON.stringify(choices)}`,
        );
      }
      if (!choices && state.partnerChoices)
        problems.push(`asked which partner: ${JSON.stringify(state.partnerChoices)}`);
    }
  } else if (c.at === 'who') {
    const { command } = parseCommand(c.say);
    if (command.kind !== 'who') problems.push(`intent ${command.kind}, wanted who`);
    else {
      const q = partnerKey(command.partner ?? '');
      const keys = partnerKeysOf(command.partner ?? '');
      const exact = corpus.register.filter((n) => keys.includes(partnerKey(n)));
      const near = corpus.register.filter(
        (n) => !keys.includes(partnerKey(n)) && nearMatchScore(q, partnerKey(n)) >= NEAR_MATCH_THRESHOLD,
      );
      if (c.expect.found !== undefined && !exact.includes(String(c.expect.found)))
        problems.push(
          `found ${JSON.stringify(exact)}, wanted ${String(c.expect.found)} (near ${JSON.stringify(near)})`,
        );
      const suggest = c.expect.suggest as string[] | undefined;
      if (suggest && (exact.length > 0 || !suggest.every((s) => near.includes(s))))
        problems.push(
          `exact ${JSON.stringify(exact)}, near ${JSON.stringify(near)}; wanted suggest ${JSON.stringify(suggest)}`,
        );
      if (c.expect.none && (exact.length > 0 || near.length > 0))
        problems.push(`found ${JSON.stringify([...exact, ...near])}, wanted none`);
    }
  } else {
    const step = c.at as QuestionStep;
    const field = STEP_FIELD[step];
    if (!field) throw new Error(`corpus: unknown "at: ${c.at}"`);
    const answers = answersBefore(corpus.strategy, step);
    const now = ctx.now.toISOString();
    const state: CheckDialogState = {
      version: 1,
      kind: 'check',
      step,
      answers,
      startedAt: now,
      updatedAt: now,
    };
    const input = { kind: 'text' as const, text: c.say };
    void partnerToLookUp;
    const turn = continueCheck(ctx, state, input);
    const next = turn.state;
    const got = next?.answers[field];
    const wantField = step === 'partner' ? 'partnerName' : field;
    if (c.expect.ask === true || c.expect.partnerChoices !== undefined) {
      if (got !== undefined) {
        misread = true;
        problems.push(`stored ${JSON.stringify(got)}, wanted a question back`);
        if (next && !saidBack(ctx, turn, next.answers, field)) silent = true;
      }
      const choices = c.expect.partnerChoices as string[] | undefined;
      if (choices && !sameSet(choices, next?.partnerChoices ?? []))
        problems.push(
          `partner choices ${JSON.stringify(next?.partnerChoices ?? [])}, wanted ${JSON.stringify(choices)}`,
        );
    } else {
      const want = c.expect[wantField];
      if (got === undefined)
        problems.push(
          `not read (wanted ${JSON.stringify(want)}): ${said(turn).split('\n').slice(0, 2).join(' / ')}`,
        );
      else if (got !== want) {
        misread = true;
        problems.push(`stored ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
        if (next && !saidBack(ctx, turn, next.answers, field)) silent = true;
      }
    }
  }
  return { c, understood: problems.length === 0, misread, silent, detail: problems.join('; ') };
}

/** Answers to every question before `step`, so the dialog stands at `step`. */
function answersBefore(strategy: Strategy, step: QuestionStep): CheckAnswers {
  const all: CheckAnswers = {
    partnerName: 'Testpartner',
    partnerType: strategy.file.partnerTypes.find((p) => p.policy === 'allowed')?.id ?? '',
    priority: strategy.file.priorities[0]?.id ?? null,
    intensity: strategy.intensityList[0]?.id ?? '',
    budget: 1000,
    months: 6,
    direction: 'shared',
    confidential: false,
  };
  const order: QuestionStep[] = [
    'partner',
    'partnerType',
    'priority',
    'intensity',
    'budget',
    'months',
    'direction',
    'confidential',
  ];
  const out: CheckAnswers = {};
  for (const s of order) {
    if (s === step) break;
    Object.assign(out, { [STEP_FIELD[s]]: all[STEP_FIELD[s]] });
  }
  return out;
}

export interface CorpusFigures {
  cases: number;
  understood: number;
  misread: number;
  silent: number;
  english: number;
  typos: number;
}

export function figuresOf(results: ReadonlyArray<CaseResult>): CorpusFigures {
  return {
    cases: results.length,
    understood: results.filter((r) => r.understood).length,
    misread: results.filter((r) => r.misread).length,
    silent: results.filter((r) => r.silent).length,
    english: results.filter((r) => r.c.lang === 'en').length,
    typos: results.filter((r) => r.c.tags.includes('typo')).length,
  };
}
