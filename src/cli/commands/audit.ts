// `koers audit verify`: walks the audit log's hash chain. Exit 0 when it is intact, 1 naming the
// first row that does not fit (an edited, deleted or missing row).
import { verifyAudit } from '../../store/audit-log.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { openCliStore } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(USAGE.audit, args);
  const [sub, ...rest] = parsed.positionals;
  if (sub !== 'verify' || rest.length > 0)
    throw new InputError([
      sub === undefined ? 'name what to do: verify' : `unknown audit command "${sub}"`,
      ...usageLines(USAGE.audit),
    ]);
  const store = await openCliStore(io, parsed.values.database);
  let result: Awaited<ReturnType<typeof verifyAudit>>;
  try {
    result = await verifyAudit(store.handle);
  } finally {
    await store.close();
  }
  if (result.ok) {
    io.out(`audit log intact: ${result.rows} rows\n`);
    return 0;
  }
  io.err(
    `audit log broken${result.seq === null ? '' : ` at row ${result.seq}`}: ${result.problem} (${result.rows} rows before it are intact)\n`,
  );
  return 1;
}
