// `koers digest --preview [--format text|json] [--lang nl|en] [--chart FILE]` prints the digest of
// the current period (the one that ended at the latest digest.cron occurrence); `koers digest
// --send` claims that period's run key, the same one the scheduler claims, and enqueues the post
// for the running server to send: several at once, or after the scheduler, post once.
import { writeFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { LOCALES, type Locale } from '../../domain/strategy/strategy-schema.js';
import { portfolioChartSvg } from '../../jobs/chart/portfolio-chart-svg.js';
import { renderChartPng } from '../../jobs/chart/render-chart-png.js';
import { computeDigest } from '../../jobs/compute-digest.js';
import { digestSchedule, InvalidScheduleError } from '../../jobs/digest-schedule.js';
import { runDigest } from '../../jobs/run-digest.js';
import { digestText } from '../../jobs/views/digest-view.js';
import { createLogger } from '../../logger.js';
import { databaseClock } from '../../store/database-clock.js';
import type { ChatPlatform } from '../../workflow/notifications.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { cliConfig, cliStrategy, openCliStore } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export async function digestCommand(
  args: string[],
  io: CliIo,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const { values } = parseCommandArgs(USAGE.digest, args);
  const problems: string[] = [];
  if ((values.preview === true) === (values.send === true))
    problems.push('give exactly one of --preview and --send');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') problems.push(`--format must be text or json, not "${format}"`);
  if (values.lang !== undefined && !(LOCALES as readonly string[]).includes(values.lang))
    problems.push(`--lang must be nl or en, not "${values.lang}"`);
  if (values.send && (values.format !== undefined || values.chart !== undefined))
    problems.push('--format and --chart go with --preview');
  if (problems.length > 0) throw new InputError([...problems, ...usageLines(USAGE.digest)]);

  const strategy = cliStrategy(io, values.strategy);
  const { cron, timezone } = strategy.file.digest;
  let occurrence: Date | null;
  let schedule: ReturnType<typeof digestSchedule>;
  try {
    schedule = digestSchedule(cron, timezone);
    occurrence = schedule.latestAtOrBefore(clock());
  } catch (err) {
    if (err instanceof InvalidScheduleError) throw new InputError([`digest.cron: ${err.message}`]);
    throw err;
  }
  if (occurrence === null) throw new InputError([`digest.cron "${cron}" has no occurrence before now`]);

  const platforms = values.send ? sendPlatforms(io, strategy.file.channels.allianceTeam) : [];
  const store = await openCliStore(io, values.database);
  try {
    if (values.preview) {
      const period = schedule.periodOf(occurrence);
      const digest = await computeDigest({
        db: store.db,
        backend: store.backend,
        strategy,
        period,
        asOf: clock(),
      });
      if (values.chart !== undefined) {
        const chart = await renderChartPng(
          portfolioChartSvg(digest, (values.lang as Locale | undefined) ?? strategy.locale),
        );
        writeFileSync(values.chart, chart.png);
      }
      io.out(
        format === 'json'
          ? `${JSON.stringify(digest, null, 2)}\n`
          : digestText(digest, (values.lang as Locale | undefined) ?? strategy.locale),
      );
      return 0;
    }
    const logger = createLogger(io.env.LOG_LEVEL ? cliConfig(io).logLevel : 'warn', {
      write: (s: string) => io.err(s),
    } as DestinationStream);
    // The run's claim and lease are compared with the servers' on the database's clock.
    const timeSource = await databaseClock(store.db, store.backend, clock);
    const outcome = await runDigest(
      {
        db: store.db,
        backend: store.backend,
        strategy: () => strategy,
        clock: timeSource.now,
        logger,
        platforms: () => platforms,
        instanceId: `cli:${process.pid}:${clock().getTime()}`,
        runLeaseMs: 120_000,
      },
      occurrence,
      'cli',
    );
    timeSource.stop();
    const name = `${outcome.period.label} (${outcome.runKey})`;
    if (outcome.status === 'sent')
      io.out(
        `digest ${name} enqueued for the alliance team channel on ${platforms.join(', ')}; the running Koers server posts it\n`,
      );
    else if (outcome.status === 'already_done') io.out(`digest ${name} was already sent; nothing to do\n`);
    else if (outcome.status === 'in_progress')
      io.out(`digest ${name} is being sent by ${outcome.holder}; nothing to do\n`);
    else io.out(`digest ${name} was taken over by another instance; nothing to do\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The configured platforms that have an alliance team channel: --send needs at least one. */
function sendPlatforms(io: CliIo, channel: { slack?: string; teams?: string } | undefined): ChatPlatform[] {
  const config = cliConfig(io);
  const configured: ChatPlatform[] = [
    ...(config.slack ? ['slack' as const] : []),
    ...(config.teams ? ['teams' as const] : []),
  ];
  if (configured.length === 0) {
    throw new InputError([
      '--send needs Slack or Teams configured (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, or MicrosoftAppId): there is nowhere to post',
    ]);
  }
  const withChannel = configured.filter((p) => channel?.[p]);
  if (withChannel.length === 0)
    throw new InputError([
      `the strategy names no alliance team channel (channels.allianceTeam) for ${configured.join(' or ')}`,
    ]);
  return withChannel;
}
