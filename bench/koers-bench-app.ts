// Koers as the Slack and Teams benches run it in their child process: a fresh SQLite database in
// a temporary directory, logs to /dev/null, no scheduler, and two proposals by Anna waiting for
// Bram, so that his `status` lists something. Koers's modules load when this is called, so the
// bare bot started from the same bench file never loads them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ChannelFactory } from '../src/app/create-app.js';
import type { Config } from '../src/config.js';
import type { Database } from '../src/store/schema.js';
import { ANNA, proposal } from '../test/support/proposals.js';
import { koersModule } from './koers-code.js';

export interface BenchAppOptions {
  platform: 'slack' | 'teams';
  /** Settings beside port, host and database; `dir` is the app's temporary directory. */
  env(dir: string): Record<string, string>;
  channels(config: Config): ChannelFactory[];
  /** Anything the bench needs in the database first (Teams: Bram's Teams id). */
  prepare?(db: Kysely<Database>): Promise<void>;
}

/** Starts Koers and answers its port. */
export async function startBenchApp(o: BenchAppOptions): Promise<number> {
  const [{ createApp }, { loadConfig }, pino] = await Promise.all([
    koersModule<typeof import('../src/app/create-app.js')>('app/create-app'),
    koersModule<typeof import('../src/config.js')>('config'),
    import('pino'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), `koers-bench-${o.platform}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KOERS_DATABASE_URL: `sqlite:${join(dir, 'koers.db')}`,
    ...o.env(dir),
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const app = await createApp({
    config: loaded.config,
    logger: pino.default({ level: 'info' }, pino.default.destination('/dev/null')),
    channels: o.channels(loaded.config),
    scheduler: false,
  });
  await o.prepare?.(app.parts.store.db);
  for (const name of ['Deltares', 'TNO'])
    await app.parts.workflow.submit(
      { personId: ANNA.id, platform: o.platform },
      proposal({ requester: ANNA, budget: 20_000, partner: { name, type: 'knowledge-institution' } }),
    );
  return app.start();
}
