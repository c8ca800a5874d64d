// The demo exists only without platform credentials: with Slack configured, `demo als` is refused
// and `koers serve --playground` serves the real workspace without a Playground, saying so.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { freePort } from '../support/playground.js';
import { dmMessage } from '../support/slack-sender.js';
import { posts, textOf, waitForPosts } from './slack/slack-helpers.js';
import {
  BOT_TOKEN,
  SIGNING_SECRET,
  type SlackTestApp,
  startSlackApp,
  strategyWithSlackIds,
} from './slack/slack-test-app.js';

const BIN = fileURLToPath(new URL('../../bin/koers.js', import.meta.url));

describe('demo mode', () => {
  let fake: FakeSlack | null = null;
  let t: SlackTestApp | null = null;
  afterEach(async () => {
    await t?.drop();
    await fake?.close();
    t = null;
    fake = null;
  });

  it('refuses `demo als` when Slack is configured', async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
    const anna = 'U_u-anna';
    await t.slack.event(dmMessage(anna, 'demo als Bram'));
    const [reply] = await waitForPosts(fake, dmOf(anna), 1);
    expect(textOf(reply)).toMatch(/alleen in de lokale demo/);
    await t.slack.event(dmMessage(anna, 'status'));
    await waitForPosts(fake, dmOf(anna), 2);
    expect(textOf(posts(fake, dmOf(anna))[1])).not.toMatch(/Bram Bakker \(Teamleider\)/);
  });

  it('ignores --playground, with a log line, when platform credentials are set', async () => {
    fake = await startFakeSlack();
    const cwd = mkdtempSync(join(tmpdir(), 'koers-nodemo-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--playground'], {
      cwd,
      env: {
        ...process.env,
        PORT: String(port),
        KOERS_STRATEGY: strategyWithSlackIds(join(cwd, 'config')),
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
    });
    child.stderr?.on('data', (d) => {
      out += String(d);
    });
    try {
      for (let i = 0; i < 100 && !/koers listening/.test(out); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/--playground ignored: platform credentials are set/);
      expect(out).toMatch(/"demo":false/);
      expect(out).not.toMatch(/Open the Playground/);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});
