// `koers sync-people [--dry-run] [--force]`: the people from the organisation's directory (the
// strategy's `directory:` section), one line per person added, changed, raised and deactivated.

import { isGraphError } from '../../directory/graph-client.js';
import { DirectoryNotConfigured, runDirectorySync } from '../../directory/run-directory-sync.js';
import { syncReportLines } from '../../directory/sync-people.js';
import { syncPeopleFromStrategy } from '../../directory/sync-strategy-people.js';
import { createWorkflow } from '../../workflow/workflow.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { cliActor, cliConfig, cliStrategy, openCliStore } from '../open-cli-store.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function syncPeopleCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(USAGE['sync-people'], args);
  const config = cliConfig(io);
  const strategy = cliStrategy(io, values.strategy);
  if (!strategy.file.directory)
    throw new InputError([
      'the strategy has no directory: section; add one with source: entra or source: slack (see the README)',
    ]);
  const store = await openCliStore(io, values.database);
  const dryRun = values['dry-run'] === true;
  try {
    const now = new Date();
    // What the strategy's people: section sets is theirs; the store knows it before the plan.
    if (!dryRun) await syncPeopleFromStrategy(store.handle, strategy, now);
    const workflow = createWorkflow({
      db: store.handle,
      backend: store.backend,
      strategy: () => strategy,
      clock: () => new Date(),
      platforms: () => [
        ...(config.slack ? (['slack'] as const) : []),
        ...(config.teams ? (['teams'] as const) : []),
      ],
    });
    const report = await runDirectorySync(
      {
        db: store.handle,
        backend: store.backend,
        config,
        strategy,
        now,
        handOn: async (id, why) => (await workflow.handOnFromLeaver(id, why)).length,
        actor: cliActor(io),
      },
      { dryRun, force: values.force === true },
    );
    io.out(`${syncReportLines(report).join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DirectoryNotConfigured) throw new InputError([err.message]);
    if (isGraphError(err))
      throw new InputError([`the directory could not be read: ${err.message}`, 'nothing was changed']);
    const code = (err as { code?: string }).code;
    if (code === 'slack_webapi_platform_error' || code === 'slack_webapi_request_error')
      throw new InputError([
        `Slack's users could not be read: ${(err as Error).message}`,
        'nothing was changed',
      ]);
    throw err;
  } finally {
    await store.close();
  }
}
