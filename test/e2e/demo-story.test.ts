// The newcomer's first command, end to end: `koers serve --playground` (what `npm start` runs)
// with no credentials and no configuration, in a fresh directory; then the demo story of the
// README in the Playground, driven by playwright-core in Debian's Chromium: a free-text question,
// the check, an escalation, `demo als Bram`, the approval from the card, the summary in the
// strategy channel, the week so far in the alliance team channel after `portfolio`, and
// `wie Deltares`. Ctrl-C stops the bot and the Playground. Screenshots are kept in
// test-artifacts/demo-story/.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { freePort, playgroundChat } from '../support/playground.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/demo-story/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/koers.js', import.meta.url));
const missing = chromiumMissing();

describe.skipIf(missing !== null)('the demo from the first command', () => {
  let cwd: string;
  let child: ChildProcess;
  let output = '';
  let playgroundUrl = '';
  let botPort = 0;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    cwd = mkdtempSync(join(tmpdir(), 'koers-demo-'));
    botPort = await freePort();
    const playgroundPort = await freePort();
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(botPort),
      KOERS_PLAYGROUND_PORT: String(playgroundPort),
      LOG_LEVEL: 'warn',
    };
    for (const k of [
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'MicrosoftAppId',
      'KOERS_DATABASE_URL',
      'KOERS_STRATEGY',
    ])
      delete env[k];
    child = spawn(process.execPath, [BIN, 'serve', '--playground'], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    const deadline = Date.now() + 90_000;
    while (!/Open the Playground: (\S+)/.test(output)) {
      if (child.exitCode !== null) throw new Error(`koers serve --playground exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no Playground within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    playgroundUrl = /Open the Playground: (\S+)/.exec(output)?.[1] ?? '';
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });
  const chat = () => playgroundChat(page);
  const box = () => chat().box();
  const say = (text: string) => chat().say(text);
  const seen = (text: string | RegExp) => chat().seen(text);

  it('set everything up on its own: a SQLite database under data/, the example strategy and register', async () => {
    expect(existsSync(join(cwd, 'data', 'koers.db'))).toBe(true);
    const root = await fetch(`http://127.0.0.1:${botPort}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(playgroundUrl);
    expect((await fetch(`http://127.0.0.1:${botPort}/readyz`)).status).toBe(200);
  });

  it('walks the demo story: a question in Dutch, an escalation, the approver decides, the channel hears', async () => {
    await page.goto(playgroundUrl);
    await box().waitFor({ timeout: 30_000 });
    await say('mag ik met TU Delft een project starten?');
    await seen(/Carla Jansen/); // who already works with TU Delft, as soon as the partner is known
    await seen('Wat voor partij is TU Delft?');
    await shot('1-question');
    await say('1'); // Kennisinstelling
    await seen(/prioriteit/i);
    await say('1'); // Energietransitie
    await seen('Om welk budget gaat het?');
    await say('25000');
    await seen('Hoeveel maanden loopt het?');
    await say('6');
    await seen('Wie heeft wie nodig?');
    await say('1');
    await seen(/buiten de kanaalberichten/);
    await say('nee');
    await seen('Klopt dit? Dan toets ik het aan de strategie.');
    await say('ja');
    const verdict = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Hiervoor is een besluit op de besluitvormingslijn nodig.' })
      .last();
    await verdict.waitFor({ timeout: 30_000 });
    await expect.poll(() => verdict.textContent()).toMatch(/Bram Bakker/);
    await expect.poll(() => verdict.textContent()).toMatch(/€\s?25\.000/);
    await verdict.scrollIntoViewIfNeeded();
    await shot('2-verdict');

    await say('demo als Bram');
    await seen(/U bent nu Bram Bakker/);
    const approval = page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByRole('button', { name: 'Goedkeuren' }) })
      .last();
    await approval.waitFor({ timeout: 30_000 });
    await approval.scrollIntoViewIfNeeded();
    await shot('3-approval-card');
    await approval.getByRole('button', { name: 'Goedkeuren' }).click();
    await page
      .getByText(/Goedgekeurd door Bram Bakker om \d\d:\d\d/)
      .first()
      .waitFor({ timeout: 30_000 });
    await shot('4-approved');

    await page.getByText('Strategiekanaal', { exact: true }).click();
    await page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: /Goedgekeurd door Bram Bakker.*TU Delft/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await shot('5-strategy-channel');
  }, 240_000);

  it('shows the week so far, the story included, in the alliance team channel after `portfolio`', async () => {
    await page.getByText('Personal Chat', { exact: true }).click();
    await box().waitFor({ timeout: 30_000 });
    await say('portfolio');
    await seen('De digest van deze week tot nu toe staat nu in het kanaal van het alliantieteam.');
    const answer = page.locator('.ac-adaptiveCard').filter({ hasText: 'Actieve samenwerkingen' }).last();
    await expect
      .poll(() => answer.textContent())
      .toMatch(/Actieve samenwerkingen\s*30 samenwerkingen · €\s?1\.988\.000/);
    await answer.scrollIntoViewIfNeeded();
    await shot('7-portfolio');
    await page.getByText('Alliantieteam', { exact: true }).click();
    const digest = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: /Portfoliodigest \d{4}-W\d\d tot nu toe/ })
      .filter({ hasText: /Toetsen\s*1 \(0 binnen mandaat, 1 escalatie, 0 buiten strategie\)/ })
      .last();
    await digest.waitFor({ timeout: 30_000 });
    const text = (await digest.textContent()) ?? '';
    expect(text).toMatch(/Besluiten\s*1 goedgekeurd/);
    // The register's 29 active rows were imported this week; the 2 imported as ended are not new.
    expect(text).toMatch(/Nieuwe samenwerkingen\s*1 \(plus 29 geïmporteerd\)/);
    expect(text).toMatch(/Nieuw: TU Delft \(Energietransitie, Project, €\s?25\.000, Anna de Vries\)/);
    // The rules the story used are not "never used".
    expect(text).toMatch(/Regels die het vaakst gelden \(12 weken\)\s*Budget boven mandaat 1×/);
    const never = /Nooit gebruikt in 12 weken\s*(.*?)Uitzonderingen/.exec(text)?.[1] ?? '';
    expect(never).not.toMatch(/Budget boven mandaat|Bestaande samenwerking/);
    // The whole card in one picture.
    await page.setViewportSize({ width: 1400, height: 2800 });
    await digest.scrollIntoViewIfNeeded();
    await shot('8-alliance-channel');
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 120_000);

  it('answers who already works with Deltares', async () => {
    await page.goto(playgroundUrl);
    await box().waitFor({ timeout: 30_000 });
    await say('wie Deltares');
    await seen(/Hanna Visser|Bram Bakker/);
    await seen(/Joost van Dijk/); // Stichting Deltares: the same partner by its key
    await shot('6-who-deltares');
  }, 120_000);

  it('stops the bot and the Playground on Ctrl-C', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(playgroundUrl)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${botPort}/healthz`)).rejects.toThrow();
  }, 30_000);
});

if (missing) describe('the demo from the first command', () => it.skip(missing, () => {}));
