// One directory sync as `koers sync-people` and the scheduler run it: the reader the strategy's
// `directory.source` names (Entra ID through Microsoft Graph, or Slack's users), the plan, the
// store, leavers' cases handed on, and the outcome recorded for /metrics and /readyz.
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Backend } from '../store/backend.js';
import { applySyncPlan, knownPeople } from '../store/directory-store.js';
import { recordDirectorySync } from '../store/directory-sync-state.js';
import type { Db } from '../store/store-handle.js';
import { readEntraDirectory } from './entra-directory.js';
import { createGraphClient, type GraphClient } from './graph-client.js';
import { readSlackDirectory } from './slack-directory.js';
import { type SyncReport, syncPeople } from './sync-people.js';

export interface DirectorySyncDeps {
  db: Db;
  backend: Backend;
  config: Pick<Config, 'graph' | 'slack'>;
  strategy: Strategy;
  now: Date;
  /** A leaver's open cases to someone else on the line (the workflow); returns how many. */
  handOn: (personId: string, why: string) => Promise<number>;
  /** Tests pass a Graph client with a fast sleep. */
  graph?: GraphClient;
  actor?: string;
}

export class DirectoryNotConfigured extends Error {
  readonly code = 'KOERS_DIRECTORY_NOT_CONFIGURED';
}

export async function runDirectorySync(
  d: DirectorySyncDeps,
  o: { dryRun?: boolean; force?: boolean } = {},
): Promise<SyncReport> {
  const directory = d.strategy.file.directory;
  if (!directory)
    throw new DirectoryNotConfigured('the strategy has no directory: section (source: entra or slack)');
  const read = reader(d);
  try {
    const report = await syncPeople({
      directory,
      roles: d.strategy.roleList.map((r) => r.id),
      read,
      store: {
        knownPeople: () => knownPeople(d.db),
        apply: (plan, at, actor) =>
          applySyncPlan(d.db, d.backend, plan, { at, actor, source: directory.source }),
        handOn: d.handOn,
      },
      now: d.now,
      actor: d.actor ?? 'system:directory-sync',
      ...(o.dryRun ? { dryRun: true } : {}),
      ...(o.force ? { force: true } : {}),
    });
    if (report.applied) await recordDirectorySync(d.db, d.now.toISOString(), { ok: true });
    return report;
  } catch (err) {
    if (!o.dryRun)
      await recordDirectorySync(d.db, d.now.toISOString(), {
        ok: false,
        error: (err as Error).message ?? String(err),
      }).catch(() => undefined);
    throw err;
  }
}

function reader(d: DirectorySyncDeps) {
  const directory = d.strategy.file.directory;
  if (directory?.source === 'entra') {
    const graph = d.graph ?? (d.config.graph ? createGraphClient({ config: d.config.graph }) : null);
    if (!graph)
      throw new DirectoryNotConfigured(
        'directory.source is entra, but MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId are not all set',
      );
    return () => readEntraDirectory(graph, { group: directory.group });
  }
  const slack = d.config.slack;
  if (!slack) throw new DirectoryNotConfigured('directory.source is slack, but SLACK_BOT_TOKEN is not set');
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: { retries: 3, factor: 1, minTimeout: 200, maxTimeout: 5_000 },
  });
  const ruleFields = [
    ...new Set((directory?.roles ?? []).flatMap((r) => (r.field !== undefined ? [r.field] : []))),
  ];
  return () => readSlackDirectory(client, { managerField: directory?.managerField, ruleFields });
}
