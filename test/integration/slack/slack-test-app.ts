// The whole Koers app with the Slack channel, on a real database and a free port, against the fake
// Slack Web API; the example strategy's people get Slack ids U_<id>. Unlike startTestApp, a second
// app can be started on the same database (a restart), and the logs are kept for secret scans.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { createApp, type KoersApp } from '../../../src/app/create-app.js';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.js';
import { BUNDLED_STRATEGY, loadConfig } from '../../../src/config.js';
import type { Backend } from '../../../src/store/backend.js';
import type { FakeSlack } from '../../support/fake-slack.js';
import { type SlackSender, slackSender } from '../../support/slack-sender.js';
import { freshDatabaseUrl } from '../../support/test-stores.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2d1c';
export const BOT_TOKEN = 'xoxb-1111-2222-koerstesttoken';

/** The example strategy's people on Slack as U_<id> (e.g. U_u-anna), written to a temporary file. */
export function strategyWithSlackIds(
  dir: string,
  people: Record<string, Record<string, unknown>> = {},
): string {
  const doc = parse(readFileSync(BUNDLED_STRATEGY, 'utf8')) as { people: Array<Record<string, unknown>> };
  doc.people = doc.people.map((p) => ({ ...p, slack: `U_${String(p.id)}`, ...people[String(p.id)] }));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'strategy.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

export interface SlackTestApp {
  app: KoersApp;
  url: string;
  databaseUrl: string;
  slack: SlackSender;
  logs: string[];
  /** Stops the app; the database stays (for a restart) until `drop`. */
  stop(): Promise<void>;
  drop(): Promise<void>;
}

export async function startSlackApp(o: {
  fake: FakeSlack;
  backend?: Backend;
  databaseUrl?: string;
  clock?: () => Date;
  env?: Record<string, string>;
  people?: Record<string, Record<string, unknown>>;
  outboxIntervalMs?: number;
  /** Called at the app's fault points (e.g. after_decision_write): a test throws there to fail a turn. */
  fault?: (point: string) => void;
}): Promise<SlackTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'koers-slack-'));
  const db = o.databaseUrl
    ? { url: o.databaseUrl, drop: async () => {} }
    : await freshDatabaseUrl(o.backend ?? 'sqlite');
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KOERS_DATABASE_URL: db.url,
    KOERS_STRATEGY: strategyWithSlackIds(dir, o.people),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: o.fake.apiUrl,
    ...o.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await createApp({
    config: loaded.config,
    logger: pino({ level: 'debug' }, sink),
    channels: [createSlackChannel],
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.fault ? { fault: o.fault } : {}),
    scheduler: false,
    outboxIntervalMs: o.outboxIntervalMs ?? 50,
  });
  const port = await app.start();
  const url = `http://127.0.0.1:${port}`;
  const clock = o.clock;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop({ drainMs: 500 });
  };
  return {
    app,
    url,
    databaseUrl: db.url,
    slack: slackSender({
      baseUrl: url,
      secret: SIGNING_SECRET,
      ...(clock ? { clock: () => clock().getTime() } : {}),
    }),
    logs,
    stop,
    drop: async () => {
      await stop();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
