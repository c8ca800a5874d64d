import { formatIssue } from '../../domain/strategy/strategy-issues.js';
import { loadStrategyFile } from '../../strategy-file/load-strategy-file.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export function validateCommand(args: string[], io: CliIo): number {
  const [file, ...rest] = parseCommandArgs(USAGE.validate, args).positionals;
  if (!file || rest.length > 0) throw new InputError(usageLines(USAGE.validate));
  const strategy = loadStrategyFile(file);
  const s = strategy.file;
  for (const w of strategy.warnings) io.err(`${file}: warning: ${formatIssue(w)}\n`);
  io.out(
    `${file}: valid (${s.priorities.length} priorities, ${s.partnerTypes.length} partner types, ` +
      `${s.intensities.length} intensities, ${s.roles.length} roles, ${s.people?.length ?? 0} people)\n`,
  );
  return 0;
}
