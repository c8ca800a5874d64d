import { readFileSync } from 'node:fs';
import type { Strategy } from '../../src/domain/strategy/compile-strategy.js';
import { parseStrategy } from '../../src/domain/strategy/parse-strategy.js';

export const EXAMPLE_STRATEGY_PATH = new URL('../../config/strategy.example.yaml', import.meta.url);

export function strategyFromText(text: string): Strategy {
  const r = parseStrategy(text);
  if (!r.ok)
    throw new Error(`test strategy invalid:\n${r.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return r.strategy;
}

export function exampleStrategy(): Strategy {
  return strategyFromText(readFileSync(EXAMPLE_STRATEGY_PATH, 'utf8'));
}
