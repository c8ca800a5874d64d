// `koers digest --send`: the period's digest posted by the command itself, with or without a
// server running (an operator may run it from cron). It builds the app as `koers serve` does,
// without starting it, so the post goes through the same outbox row, dispatcher and channel
// senders: the run key is claimed once per period (runDigest), the outbox row is claimed with a
// lease (SKIP LOCKED on PostgreSQL), and the Slack sender looks for its earlier post before posting
// again. Only this run's rows are sent; whatever else the outbox holds is left to the server.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type DigestRunOutcome, digestPostKey, runDigest } from '../jobs/run-digest.js';
import { conversationRefRepo } from '../store/conversation-ref-repo.js';
import { outboxRowsByKey } from '../store/outbox-repo.js';
import type { ChatPlatform } from '../workflow/notifications.js';
import { type ChannelFactory, createApp, type KoersApp } from './create-app.js';

export interface SendDigestOptions {
  config: Config;
  logger: Logger;
  channels: ReadonlyArray<ChannelFactory>;
  clock: () => Date;
  /** The occurrence whose period is sent (the latest one at or before now). */
  occurrence: Date;
  /** The configured platforms with an alliance team channel. */
  platforms: ReadonlyArray<ChatPlatform>;
  /** How long to keep retrying a post that failed for now (a 429, a 5xx). */
  waitMs?: number;
}

export type PlatformOutcome =
  | { platform: ChatPlatform; status: 'posted' }
  | { platform: ChatPlatform; status: 'already_posted'; at: string | null }
  | { platform: ChatPlatform; status: 'being_posted'; by: string }
  | { platform: ChatPlatform; status: 'not_posted'; why: string };

export interface SendDigestReport {
  run: DigestRunOutcome;
  /** Per platform, once this period's run is done (empty while another holds the run). */
  platforms: PlatformOutcome[];
}

const RUN_LEASE_MS = 120_000;
const DEFAULT_WAIT_MS = 30_000;

export async function sendDigest(o: SendDigestOptions): Promise<SendDigestReport> {
  const app = await createApp({
    config: o.config,
    logger: o.logger,
    channels: o.channels,
    clock: o.clock,
    // The run's claim and lease are compared with the servers' on the database's clock.
    alignClockToDatabase: true,
    scheduler: false,
  });
  try {
    const p = app.parts;
    const run = await runDigest(
      {
        db: p.store.handle,
        backend: p.store.backend,
        strategy: p.holder.current,
        clock: p.timeSource.now,
        logger: o.logger,
        platforms: () => o.platforms,
        instanceId: p.instanceId,
        runLeaseMs: RUN_LEASE_MS,
      },
      o.occurrence,
      'cli',
    );
    if (run.status === 'in_progress' || run.status === 'lease_lost') return { run, platforms: [] };
    return { run, platforms: await deliver(app, run.runKey, o) };
  } finally {
    await app.close();
  }
}

async function deliver(app: KoersApp, runKey: string, o: SendDigestOptions): Promise<PlatformOutcome[]> {
  const p = app.parts;
  const done = new Map<ChatPlatform, PlatformOutcome>();
  for (const platform of o.platforms) {
    const unreachable = platform === 'teams' ? await teamsChannelUnknown(app, o.clock) : null;
    if (unreachable) done.set(platform, { platform, status: 'not_posted', why: unreachable });
  }
  // Real time bounds the wait; the outbox's own times come from the clock, as the dispatcher's do.
  const giveUpAt = Date.now() + (o.waitMs ?? DEFAULT_WAIT_MS);
  const ours = new Set<string>();
  for (;;) {
    const open = o.platforms.filter((platform) => !done.has(platform));
    if (open.length === 0) break;
    const rows = await outboxRowsByKey(
      p.store.handle,
      open.map((platform) => digestPostKey(runKey, platform)),
    );
    const now = o.clock().toISOString();
    const givingUp = Date.now() >= giveUpAt;
    const due: string[] = [];
    let wakeAt = giveUpAt;
    for (const platform of open) {
      const row = rows.find((r) => r.platform === platform);
      const outcome = ((): PlatformOutcome | null => {
        if (!row)
          return {
            platform,
            status: 'not_posted',
            why: `this period's digest run has no post for ${platform} (it ran while ${platform} was not configured)`,
          };
        if (row.status === 'sent')
          return ours.has(row.dedupe_key)
            ? { platform, status: 'posted' }
            : { platform, status: 'already_posted', at: row.sent_at };
        if (row.status === 'dead')
          return { platform, status: 'not_posted', why: row.last_error ?? 'the platform refused it' };
        if (row.locked_until !== null && row.locked_until > now && row.locked_by !== p.instanceId)
          return { platform, status: 'being_posted', by: row.locked_by ?? 'another instance' };
        if (givingUp)
          return {
            platform,
            status: 'not_posted',
            why: `${row.last_error ?? 'not sent yet'}; it stays in the outbox for a running server or the next koers digest --send`,
          };
        return null;
      })();
      if (outcome) done.set(platform, outcome);
      else if (row && row.next_attempt_at <= now) due.push(row.dedupe_key);
      else if (row) wakeAt = Math.min(wakeAt, Date.now() + Date.parse(row.next_attempt_at) - Date.parse(now));
    }
    if (due.length > 0) {
      const report = await p.dispatcher.runOnce({ dedupeKeys: due });
      for (const r of report.results) if (r.status === 'sent') ours.add(r.dedupeKey);
    } else if (done.size < o.platforms.length) {
      await sleep(Math.max(50, wakeAt - Date.now()));
    }
  }
  return o.platforms.map((platform) => done.get(platform) as PlatformOutcome);
}

/**
 * Why Teams cannot be written to: Koers knows no conversation of the alliance team channel (nor of
 * another channel of a team it is in). A running server learns one when Koers is added to a team.
 */
async function teamsChannelUnknown(app: KoersApp, clock: () => Date): Promise<string | null> {
  const channelId = app.parts.holder.current().file.channels.allianceTeam?.teams;
  if (!channelId) return null;
  const { createRefStore } = await import('../channels/teams/conversation-refs.js');
  const refs = createRefStore(conversationRefRepo(app.parts.store.handle, clock));
  if (await refs.channelReference(channelId)) return null;
  return `no conversation reference for the alliance team channel ${channelId}: Koers has not been added to a team in Teams yet (a running koers serve stores the reference when it is); add Koers to the alliance team's team, then run koers digest --send again (the post waits in the outbox)`;
}
