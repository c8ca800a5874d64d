// The Microsoft 365 Agents Playground (a Teams-like client that runs offline) pointed at a bot,
// started from a scratch directory (it writes its logs to ./devTools there) with Koers's demo
// configuration, whose team holds the strategy's channels.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const CLI = fileURLToPath(
  new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url),
);

export interface Playground {
  url: string;
  /** What the Playground printed (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startPlayground(o: {
  botEndpoint: string;
  configYaml?: string;
  /** The locale the Playground says its user has (it takes it from its own process: LANG). */
  locale?: string;
  startTimeoutMs?: number;
}): Promise<Playground> {
  const cwd = mkdtempSync(join(tmpdir(), 'koers-playground-'));
  if (o.configYaml) writeFileSync(join(cwd, '.m365agentsplayground.yml'), o.configYaml);
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, '-e', o.botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        ...(o.locale
          ? { LANG: `${o.locale.replace('-', '_')}.UTF-8`, LC_ALL: `${o.locale.replace('-', '_')}.UTF-8` }
          : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the Playground exited (${child.exitCode}):\n${out}`);
    }
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Playground did not answer on ${url} within the time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => out, stop };
}

/** The Playground's chat as a person uses it: the compose box (a Lexical editor, not an input). */
export function playgroundChat(page: Page) {
  const box = () =>
    page.locator('[data-lexical-editor="true"][role="textbox"]').filter({ visible: true }).last();
  return {
    box,
    async say(text: string): Promise<void> {
      await box().click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    },
    /** Waits until the newest occurrence of a text shows. */
    seen: (text: string | RegExp) => page.getByText(text).last().waitFor({ timeout: 30_000 }),
  };
}
