import { strategyJsonSchema } from '../../domain/strategy/strategy-json-schema.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

export function schemaCommand(args: string[], io: CliIo): number {
  if (args.length > 0) throw new InputError(['usage: koers schema']);
  io.out(`${JSON.stringify(strategyJsonSchema(), null, 2)}\n`);
  return 0;
}
