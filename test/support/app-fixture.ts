// The whole app on a fresh database and a free port, built by the real composition root.
import pino, { type Logger } from 'pino';
import { type ChannelFactory, createApp, type KoersApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config.js';
import type { Backend } from '../../src/store/backend.js';
import { freshDatabaseUrl } from './test-stores.js';

export interface TestApp {
  app: KoersApp;
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startTestApp(options: {
  channels: ChannelFactory[];
  env?: Record<string, string>;
  backend?: Backend;
  clock?: () => Date;
  scheduler?: boolean;
  logLevel?: string;
  demoData?: boolean;
  /** Instead of a silent logger (tests that wait for a log line). */
  logger?: Logger;
  /** With `clock`: follow the database's clock on PostgreSQL all the same (default: not). */
  alignClockToDatabase?: boolean;
  demoDigest?: boolean;
}): Promise<TestApp> {
  const db = await freshDatabaseUrl(options.backend ?? 'sqlite');
  const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', KOERS_DATABASE_URL: db.url, ...options.env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const app = await createApp({
    config: loaded.config,
    logger: options.logger ?? pino({ level: options.logLevel ?? 'silent' }),
    channels: options.channels,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.alignClockToDatabase !== undefined
      ? { alignClockToDatabase: options.alignClockToDatabase }
      : {}),
    scheduler: options.scheduler ?? false,
    outboxIntervalMs: 50,
    ...(options.demoData ? { demoData: true } : {}),
    ...(options.demoDigest ? { demoDigest: true } : {}),
  });
  const port = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    databaseUrl: db.url,
    stop: async () => {
      await app.stop({ drainMs: 500 });
      await db.drop();
    },
  };
}
