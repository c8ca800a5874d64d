// The JSON Schema of the strategy file, generated from the zod schema so they never drift.
import { z } from 'zod';
import { StrategySchema } from './strategy-schema.js';

export function strategyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(StrategySchema, { io: 'input', target: 'draft-07' }),
    $id: 'https://koers.app/schema/strategy.schema.json',
    title: 'Koers collaboration strategy (samenwerkingsstrategie)',
  };
}
