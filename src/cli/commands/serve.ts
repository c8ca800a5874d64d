// `koers serve [--playground]`: the bot server. With --playground and no platform credentials
// (the local demo) it also loads the demo data, starts the Microsoft 365 Agents Playground, and
// posts the digest of the week so far to the alliance team channel there.
// Ctrl-C (SIGINT) and SIGTERM stop everything cleanly; SIGHUP reloads the strategy file.
import { resolve } from 'node:path';
import { CHANNELS } from '../../app/channels.js';
import { createApp } from '../../app/create-app.js';
import { type Playground, startPlayground } from '../../app/playground.js';
import { playgroundConfigYaml } from '../../channels/teams/demo-playground.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(USAGE.serve, args);
  const loaded = loadConfig(io.env);
  if (!loaded.ok) throw new InputError(loaded.problems);
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  const playground = values.playground === true && config.demo;
  if (values.playground && !config.demo)
    logger.info({}, '--playground ignored: platform credentials are set, serving real workspaces');
  const playgroundUrl = playground ? `http://127.0.0.1:${config.playgroundPort}` : null;
  const app = await createApp({
    config,
    logger,
    channels: CHANNELS,
    demoData: playground,
    demoDigest: playground,
    playgroundUrl,
    ...(config.schedulerTickMs ? { schedulerTickMs: config.schedulerTickMs } : {}),
  });
  const port = await app.start();
  let pg: Playground | null = null;
  if (playground) {
    try {
      pg = await startPlayground({
        botPort: port,
        port: config.playgroundPort,
        cwd: resolve('data/playground'),
        logger,
        // The Playground's team gets the strategy's channels, so summaries land in a real channel.
        configYaml: playgroundConfigYaml(app.parts.holder.current()),
      });
      // The alliance team channel shows the week so far from the start (the Playground keeps it).
      await app.parts.portfolio.postWeekSoFar().catch((err: unknown) => {
        logger.error({ err }, 'demo: the digest of the week so far could not be posted');
      });
      io.err(
        `\nKoers is running. Open the Playground: ${pg.url}\n  Try: "mag ik met TU Delft een project starten?", then "demo als Bram" to decide.\n  Stop with Ctrl-C.\n\n`,
      );
    } catch (err) {
      await app.stop({ drainMs: 1000 });
      throw err;
    }
  }
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      await pg?.stop();
      await app.stop();
      done(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGHUP', () => {
      void app.reloadStrategy();
    });
  });
}
