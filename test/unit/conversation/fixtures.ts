// Shared fixtures for the conversation tests: the example strategy, a context factory, and a
// check that views never leak `undefined` or `[object Object]`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CheckContext, CheckPerson } from '../../../src/conversation/check-context.js';
import { continueCheck, type DialogInput, type Turn } from '../../../src/conversation/guided-check.js';
import type { RelationshipLine } from '../../../src/conversation/relationship-line.js';
import type { View } from '../../../src/conversation/view.js';
import type { Strategy } from '../../../src/domain/strategy/compile-strategy.js';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';
import type { Locale } from '../../../src/domain/strategy/strategy-schema.js';

const path = fileURLToPath(new URL('../../../config/strategy.example.yaml', import.meta.url));

export function exampleStrategy(): Strategy {
  const parsed = parseStrategy(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`the example strategy does not load: ${JSON.stringify(parsed.issues)}`);
  return parsed.strategy;
}

export const strategy = exampleStrategy();

export const anna: CheckPerson = { id: 'u-anna', name: 'Anna de Vries', role: 'employee', known: true };
export const fatima: CheckPerson = {
  id: 'u-fatima',
  name: 'Fatima El Amrani',
  role: 'employee',
  known: true,
};
export const stranger: CheckPerson = { id: 'U0STRANGER', name: 'U0STRANGER', role: '', known: false };

export const deltaresLines: RelationshipLine[] = [
  { ownerName: 'Bram Bakker', unit: 'Energie en Klimaat', intensityName: 'Project', status: 'active' },
];

export function makeContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    strategy,
    locale: 'nl' as Locale,
    person: anna,
    existingWith: (name) => (name.toLowerCase() === 'deltares' ? deltaresLines : []),
    now: new Date('2026-03-02T13:02:00Z'),
    ...overrides,
  };
}

/** The state as the store gives it back: through JSON, as after a restart. */
export function restored(turn: Turn): unknown {
  return JSON.parse(JSON.stringify(turn.state));
}

/** Continues from a state that went through the store, and checks the views of the turn. */
export function step(ctx: CheckContext, turn: Turn, input: DialogInput | string): Turn {
  const next = continueCheck(
    ctx,
    restored(turn),
    typeof input === 'string' ? { kind: 'text', text: input } : input,
  );
  expectCleanViews(next.views);
  return next;
}

export function allText(views: ReadonlyArray<View>): string {
  return views.map((v) => JSON.stringify(v)).join('\n');
}

export function fallback(turn: Turn): string {
  // Amounts carry a no-break space (`€ 25.000`); tests write a plain one.
  return turn.views
    .map((v) => v.fallbackText)
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

/** No view says `undefined`, `NaN` or `[object Object]`, and every view has a fallback. */
export function expectCleanViews(views: ReadonlyArray<View>): void {
  for (const v of views) {
    expect(v.fallbackText.trim()).not.toBe('');
    for (const s of stringsIn(v)) expect(s).not.toMatch(/\bundefined\b|\[object Object\]|\bNaN\b/);
  }
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
