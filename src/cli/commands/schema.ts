import { strategyJsonSchema } from '../../domain/strategy/strategy-json-schema.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { parseCommandArgs } from '../parse-command-args.js';

export function schemaCommand(args: string[], io: CliIo): number {
  parseCommandArgs(USAGE.schema, args);
  io.out(`${JSON.stringify(strategyJsonSchema(), null, 2)}\n`);
  return 0;
}
