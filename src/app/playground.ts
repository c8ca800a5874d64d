// The Microsoft 365 Agents Playground beside the bot in the local demo: a Teams-like client in
// the browser, connected to /api/messages on loopback. It writes logs under its working
// directory, so it runs in data/playground.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PLAYGROUND_CONFIG_FILE } from '../channels/teams/demo-playground.js';

export interface Playground {
  url: string;
  stop(): Promise<void>;
}

export async function startPlayground(o: {
  botPort: number;
  port: number;
  cwd: string;
  logger: Logger;
  /** The Playground's own config (its team and channels), written to its working directory. */
  configYaml?: string;
  timeoutMs?: number;
}): Promise<Playground> {
  mkdirSync(o.cwd, { recursive: true });
  if (o.configYaml) writeFileSync(join(o.cwd, PLAYGROUND_CONFIG_FILE), o.configYaml);
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      '-e',
      `http://127.0.0.1:${o.botPort}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(o.port),
      '--disable-telemetry',
    ],
    {
      cwd: o.cwd,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw Object.assign(new Error(`the Playground exited (${child.exitCode}): ${output.slice(-500)}`), {
        code: 'KOERS_PLAYGROUND',
      });
    try {
      const r = await fetch(`${url}/_debug/ping`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw Object.assign(new Error(`the Playground did not start within ${o.timeoutMs ?? 60_000} ms`), {
        code: 'KOERS_PLAYGROUND',
      });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  o.logger.info({ url }, 'Microsoft 365 Agents Playground started');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
