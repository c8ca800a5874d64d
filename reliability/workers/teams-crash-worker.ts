// A Koers instance with its Teams channel for the crash rows, built by the real composition root
// (`koers serve` without Slack: the local demo's Teams mode, with the Bot Connector at the
// activities' serviceUrl, here a fake one). FAULT_AT=<point> kills the process there (SIGKILL).
// Prints {"msg":"teams worker ready","port":…} once it serves. On stdin, "arm" sets FAULT_AT to
// the point given in the options (so that the setup before it runs unharmed); "quit" stops it.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createApp } from '../../src/app/create-app.js';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel.js';
import { loadConfig } from '../../src/config.js';
import { killAtFaultPoint } from '../../test/jobs/support/fault-point.js';

export interface TeamsCrashWorkerOptions {
  url: string;
  instanceId: string;
  strategyPath: string;
  /** The crash point "arm" sets. */
  armAt: string;
}

const o = JSON.parse(process.argv[2] as string) as TeamsCrashWorkerOptions;
const logger = pino({ level: 'info', base: { instance: o.instanceId } });
const loaded = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  KOERS_DATABASE_URL: o.url,
  KOERS_STRATEGY: o.strategyPath,
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const app = await createApp({
  config: loaded.config,
  logger,
  channels: [createTeamsChannel],
  scheduler: false,
  outboxIntervalMs: 100,
  fault: killAtFaultPoint(o.instanceId),
});
const port = await app.start();
logger.info({ port }, 'teams worker ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'quit') break;
  if (line === 'arm') {
    process.env.FAULT_AT = o.armAt;
    logger.info({ point: o.armAt }, 'armed');
  }
}
await app.stop({ drainMs: 200 });
