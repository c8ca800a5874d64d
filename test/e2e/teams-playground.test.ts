// End to end in the Microsoft 365 Agents Playground (a Teams-like client, offline), driven by
// playwright-core in Debian's Chromium. The local demo as people use it: the Playground user plays
// Anna, types `toets`, fills in the form card and sees the verdict card take its place; the
// approval request for Bram arrives in the same chat (the demo's one user plays everyone), Bram
// approves with the card's button, and the outcome appears in the Playground's strategy channel.
// Screenshots are kept in test-artifacts/teams-playground/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundConfigYaml } from '../../src/channels/teams/demo-playground.js';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { type Playground, playgroundChat, startPlayground } from '../support/playground.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/teams-playground/', import.meta.url));
const missing = chromiumMissing();

describe.skipIf(missing !== null)('Teams in the Agents Playground', () => {
  let t: TestApp;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp({ channels: [createTeamsChannel], demoData: true });
    playground = await startPlayground({
      botEndpoint: `${t.url}/api/messages`,
      configYaml: playgroundConfigYaml(exampleStrategy()),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await t?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });

  const say = (text: string) => playgroundChat(page).say(text);

  it('a person types "toets", completes the check in the form card and sees the verdict card', async () => {
    await page.goto(playground.url);
    await playgroundChat(page).box().waitFor({ timeout: 30_000 });
    await say('demo als Anna');
    await page
      .getByText(/(U bent nu|You are now) Anna de Vries/)
      .last()
      .waitFor({ timeout: 20_000 });

    // `toets` asks the questions one at a time; the first offers the whole check as a form.
    await say('toets');
    const first = page.locator('.ac-adaptiveCard').filter({ hasText: 'Met welke organisatie' }).last();
    await first.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'Toetsen', exact: true }).count()).toBe(0);
    await first.getByRole('button', { name: 'Liever een formulier' }).click();
    const form = page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByRole('button', { name: 'Toetsen', exact: true }) })
      .last();
    await form.waitFor({ timeout: 20_000 });
    await shot('1-form-card');
    await form.getByRole('textbox').first().fill('TU Delft');
    const picks = ['Kennisinstelling', 'Energietransitie', 'Project', 'Wij hebben hen nodig'];
    const combos = form.getByRole('combobox');
    expect(await combos.count()).toBe(picks.length);
    for (const [i, pick] of picks.entries()) {
      await combos.nth(i).click();
      await page.getByRole('option', { name: new RegExp(`^${pick}`) }).click();
    }
    // Amounts are typed as text and read on the server: `12.500` is twelve thousand five hundred.
    expect(await form.getByRole('spinbutton').count()).toBe(0);
    const texts = form.getByRole('textbox');
    await texts.nth(1).fill('12.500');
    await texts.nth(2).fill('zes maanden');
    await shot('2-form-filled');
    await form.getByRole('button', { name: 'Toetsen', exact: true }).click();

    const verdict = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Hiervoor is een besluit op de besluitvormingslijn nodig.' })
      .last();
    await verdict.waitFor({ timeout: 20_000 });
    await expect.poll(() => verdict.textContent()).toMatch(/Bram Bakker/);
    // The verdict took the form card's place.
    expect(await page.getByRole('button', { name: 'Toetsen', exact: true }).count()).toBe(0);
    await verdict.scrollIntoViewIfNeeded();
    await shot('3-verdict-card');
    const stored = await t.app.parts.store.db
      .selectFrom('cases')
      .select('proposal')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.proposal)).toMatchObject({ budget: 12500, months: 6 });
  }, 120_000);

  it('the approval request reaches the Playground, Bram approves, the strategy channel shows the outcome', async () => {
    const approval = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Wacht op een besluit van Bram Bakker' })
      .last();
    await approval.waitFor({ timeout: 20_000 });
    await say('demo als Bram');
    await page
      .getByText(/(U bent nu|You are now) Bram Bakker/)
      .last()
      .waitFor({ timeout: 20_000 });
    await approval.getByRole('button', { name: 'Goedkeuren' }).click();
    await page
      .getByText(/Goedgekeurd door Bram Bakker om \d\d:\d\d/)
      .first()
      .waitFor({ timeout: 20_000 });
    await shot('4-approved');
    await page.getByText('Strategiekanaal', { exact: true }).click();
    await page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: /Goedgekeurd door Bram Bakker.*TU Delft/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await shot('5-strategy-channel');
  }, 120_000);
});

if (missing) describe('Teams in the Agents Playground', () => it.skip(missing, () => {}));
