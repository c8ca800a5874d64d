// `koers digest --preview [--running] [--format text|json] [--lang nl|en] [--chart FILE]` prints the
// digest of the last completed period (the one that ended at the latest digest.cron occurrence),
// or with --running the period running now, from its start up to now; a preview claims nothing.
// `koers digest --send` claims that completed period's run key, the one the scheduler claims, and
// posts the digest itself through the outbox (src/app/send-digest.ts): with or without a server,
// from any number of processes at once, it is posted once per period.
import { writeFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import type { PlatformOutcome } from '../../app/send-digest.js';
import type { Digest } from '../../domain/digest/digest-model.js';
import type { DigestPeriod } from '../../domain/digest/period.js';
import type { Strategy } from '../../domain/strategy/compile-strategy.js';
import { LOCALES, type Locale } from '../../domain/strategy/strategy-schema.js';
import { portfolioChartSvg } from '../../jobs/chart/portfolio-chart-svg.js';
import { renderChartPng } from '../../jobs/chart/render-chart-png.js';
import { computeDigest } from '../../jobs/compute-digest.js';
import { digestSchedule, InvalidScheduleError } from '../../jobs/digest-schedule.js';
import { digestText } from '../../jobs/views/digest-view.js';
import { createLogger } from '../../logger.js';
import type { ChatPlatform } from '../../workflow/notifications.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { cliConfig, cliDatabaseUrl, cliStrategy, openCliStore } from '../open-cli-store.js';
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
  if (values.send && (values.format !== undefined || values.chart !== undefined || values.running))
    problems.push('--running, --format and --chart go with --preview');
  if (problems.length > 0) throw new InputError([...problems, ...usageLines(USAGE.digest)]);

  const strategy = cliStrategy(io, values.strategy);
  const { cron, timezone } = strategy.file.digest;
  let schedule: ReturnType<typeof digestSchedule>;
  try {
    schedule = digestSchedule(cron, timezone);
  } catch (err) {
    if (err instanceof InvalidScheduleError) throw new InputError([`digest.cron: ${err.message}`]);
    throw err;
  }
  const period = values.running ? schedule.runningAt(clock()) : completedPeriod(schedule, clock());
  if (period === null)
    throw new InputError([
      `digest.cron "${cron}" has no occurrence ${values.running ? 'after' : 'before'} now`,
    ]);

  if (values.preview) {
    const locale = (values.lang as Locale | undefined) ?? strategy.locale;
    const store = await openCliStore(io, values.database);
    let digest: Digest;
    try {
      digest = await computeDigest({
        db: store.handle,
        backend: store.backend,
        strategy,
        period,
        asOf: clock(),
      });
    } finally {
      await store.close();
    }
    if (values.chart !== undefined)
      writeFileSync(values.chart, (await renderChartPng(portfolioChartSvg(digest, locale))).png);
    io.out(format === 'json' ? `${JSON.stringify(digest, null, 2)}\n` : digestText(digest, locale));
    return 0;
  }
  return send(io, strategy, values, period, clock);
}

function completedPeriod(schedule: ReturnType<typeof digestSchedule>, now: Date): DigestPeriod | null {
  const occurrence = schedule.latestAtOrBefore(now);
  return occurrence === null ? null : schedule.periodOf(occurrence);
}

async function send(
  io: CliIo,
  strategy: Strategy,
  values: { strategy?: string; database?: string },
  period: DigestPeriod,
  clock: () => Date,
): Promise<number> {
  const platforms = sendPlatforms(io, strategy.file.channels.allianceTeam);
  const base = cliConfig(io);
  const config = {
    ...base,
    databaseUrl: cliDatabaseUrl(io, values.database),
    ...(values.strategy ? { strategyPath: values.strategy } : {}),
  };
  const logger = createLogger(io.env.LOG_LEVEL ? base.logLevel : 'warn', {
    write: (s: string) => io.err(s),
  } as DestinationStream);
  // Loaded here: a preview never pays for the channels (Bolt, botbuilder).
  const [{ sendDigest }, { CHANNELS }] = await Promise.all([
    import('../../app/send-digest.js'),
    import('../../app/channels.js'),
  ]);
  const report = await sendDigest({
    config,
    logger,
    channels: CHANNELS,
    clock,
    occurrence: new Date(period.occurrence),
    platforms,
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'KOERS_INPUT') throw new InputError([(err as Error).message]);
    throw err;
  });
  const name = `${report.run.period.label} (${report.run.runKey})`;
  if (report.run.status === 'in_progress') {
    io.out(`digest ${name} is being sent by ${report.run.holder}; nothing to do\n`);
    return 0;
  }
  if (report.run.status === 'lease_lost') {
    io.out(`digest ${name} was taken over by another instance; nothing to do\n`);
    return 0;
  }
  let failed = false;
  for (const outcome of report.platforms) {
    const line = outcomeLine(name, outcome);
    if (outcome.status === 'not_posted') {
      failed = true;
      io.err(line);
    } else io.out(line);
  }
  return failed ? 1 : 0;
}

function outcomeLine(name: string, o: PlatformOutcome): string {
  switch (o.status) {
    case 'posted':
      return `digest ${name} posted to the alliance team channel on ${o.platform}\n`;
    case 'already_posted':
      return `digest ${name} was already posted on ${o.platform}${o.at ? ` at ${o.at}` : ''}; nothing to do\n`;
    case 'being_posted':
      return `digest ${name} is being posted on ${o.platform} by ${o.by}; nothing to do\n`;
    case 'not_posted':
      return `digest ${name} not posted on ${o.platform}: ${o.why}\n`;
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
