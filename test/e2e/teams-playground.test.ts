// End to end in the Microsoft 365 Agents Playground (a Teams-like client, offline), driven by
// playwright-core in Debian's Chromium. The local demo as people use it, where one Playground
// user plays everyone: Anna asks for € 60.000 with the form (offered on the first question),
// sees the whole route (Bram, then Carla) from the start; Bram's card shows in her chat as his,
// without his buttons; as Bram she endorses it and is told where it went, Anna hears; as Carla
// she approves it, and the strategy channel shows one summary. A second proposal typed as
// `12.500` in the form is stored as twelve thousand five hundred, and is withdrawn from `status`.
// Screenshots are kept in test-artifacts/teams-playground/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundConfigYaml } from '../../src/channels/teams/demo-playground.js';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { type Playground, playgroundChat, startPlayground } from '../support/playground.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/teams-playground/', import.meta.url));
const missing = chromiumMissing();
const WAIT = { timeout: 45_000 };

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
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await t?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });
  const say = (text: string) => playgroundChat(page).say(text);
  const card = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  const becomes = async (name: string) => {
    await say(`demo als ${name.split(' ')[0]}`);
    await page
      .getByText(new RegExp(`U bent nu ${name}`))
      .last()
      .waitFor(WAIT);
  };
  const latestCase = () =>
    t.app.parts.store.db
      .selectFrom('cases')
      .select(['id', 'proposal', 'state', 'step'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  /** Fills the check form card and sends it. */
  async function sendForm(form: Locator, budget: string): Promise<void> {
    await form.getByRole('textbox').first().fill('TU Delft');
    const picks = ['1. Kennisinstelling', '1. Energietransitie', '2. Project', '1. Wij hebben hen nodig'];
    const combos = form.getByRole('combobox');
    expect(await combos.count()).toBe(picks.length);
    for (const [i, pick] of picks.entries()) {
      await combos.nth(i).click();
      await page.getByRole('option', { name: new RegExp(`^${pick.replace(/^\d\. /, '')}`) }).click();
    }
    // Amounts are typed as text and read on the server: `12.500` is twelve thousand five hundred.
    expect(await form.getByRole('spinbutton').count()).toBe(0);
    const texts = form.getByRole('textbox');
    await texts.nth(1).fill(budget);
    await texts.nth(2).fill('zes maanden');
    await form.getByRole('button', { name: 'Toetsen', exact: true }).click();
  }

  it('a two-step route is shown from the start, and the card meant for Bram carries none of his buttons', async () => {
    await page.goto(playground.url);
    await playgroundChat(page).box().waitFor(WAIT);
    await becomes('Anna de Vries');

    // `toets` asks the questions one at a time; the first offers the whole check as a form.
    await say('toets');
    const first = card('Met welke organisatie');
    await first.waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Toetsen', exact: true }).count()).toBe(0);
    await first.getByRole('button', { name: 'Liever een formulier' }).click();
    const form = page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByRole('button', { name: 'Toetsen', exact: true }) })
      .last();
    await form.waitFor(WAIT);
    await shot('1-form-card');
    await sendForm(form, '€ 60.000');

    const verdict = card('Hiervoor is een besluit op de besluitvormingslijn nodig.');
    await verdict.waitFor(WAIT);
    // The whole route, and why it takes two steps, from the start.
    await expect
      .poll(() => verdict.textContent(), WAIT)
      .toMatch(/Voorgelegd aan Bram Bakker \(Teamleider\), daarna aan Carla Jansen \(Afdelingshoofd\)/);
    expect(await verdict.textContent()).toMatch(
      /het budget \(€\s60\.000\) is hoger dan het mandaat van de teamleider/u,
    );
    await verdict.scrollIntoViewIfNeeded();
    await shot('2-verdict-two-steps');
    expect(JSON.parse((await latestCase()).proposal)).toMatchObject({ budget: 60000, months: 6 });

    // Bram's approval request lands in this one chat, as his, without his buttons.
    const bramsCard = card('Zo ziet Bram Bakker dit');
    await bramsCard.waitFor(WAIT);
    expect(await bramsCard.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
    expect(await bramsCard.textContent()).toMatch(/het mandaat van Anna de Vries als Medewerker/);
    await bramsCard.scrollIntoViewIfNeeded();
    await shot('3-card-for-bram-seen-by-anna');
  }, 180_000);

  it('as Bram the card comes back with his buttons; his endorsement is confirmed to him and reported to Anna', async () => {
    await becomes('Bram Bakker');
    const decide = card(/U beslist als Teamleider/);
    await decide.waitFor(WAIT);
    expect(await decide.textContent()).toMatch(
      /Uw goedkeuring is een aanbeveling; daarna beslist Carla Jansen/,
    );
    await decide.getByRole('button', { name: 'Goedkeuren' }).click();
    await page
      .getByText(/Onderschreven\. De zaak ligt nu bij Carla Jansen \(Afdelingshoofd\)/)
      .last()
      .waitFor(WAIT);
    await page
      .getByText(/Bram Bakker heeft uw voorstel voor TU Delft onderschreven/)
      .last()
      .waitFor(WAIT);
    await shot('4-endorsed-by-bram');
    const c = await latestCase();
    expect([c.state, Number(c.step)]).toEqual(['open', 1]);
  }, 180_000);

  it('as Carla the last word: approved, and the strategy channel shows one summary', async () => {
    await becomes('Carla Jansen');
    const decide = card(/U beslist als Afdelingshoofd/);
    await decide.waitFor(WAIT);
    expect(await decide.textContent()).toMatch(/Uw besluit is het laatste woord/);
    await decide.getByRole('button', { name: 'Goedkeuren' }).click();
    await page
      .getByText(/Goedgekeurd door Carla Jansen om \d\d:\d\d/)
      .first()
      .waitFor(WAIT);
    await shot('5-approved-by-carla');
    expect((await latestCase()).state).toBe('approved');
    await page.getByText('Strategiekanaal', { exact: true }).click();
    const summary = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: /Goedgekeurd door Carla Jansen.*TU Delft/ });
    await summary.first().waitFor(WAIT);
    expect(await summary.count()).toBe(1);
    await shot('6-strategy-channel');
    await page.getByText('Personal Chat', { exact: true }).first().click();
  }, 180_000);

  it('a form with 12.500 stores 12,500, and status withdraws the proposal', async () => {
    await becomes('Anna de Vries');
    await say('toets formulier');
    const form = page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByRole('button', { name: 'Toetsen', exact: true }) })
      .last();
    await form.waitFor(WAIT);
    await sendForm(form, '12.500');
    await page
      .getByText(/Het budget \(€\s12\.500\) is hoger dan uw mandaat/u)
      .last()
      .waitFor(WAIT);
    const c = await latestCase();
    expect(JSON.parse(c.proposal)).toMatchObject({ budget: 12500 });

    await say('status');
    const status = card('Uw stand van zaken');
    await status.waitFor(WAIT);
    await status.getByRole('button', { name: 'Intrekken' }).first().click();
    await page.getByText('Uw voorstel is ingetrokken.').last().waitFor(WAIT);
    await shot('7-withdrawn-from-status');
    expect((await latestCase()).state).toBe('withdrawn');
  }, 180_000);
});

if (missing) describe('Teams in the Agents Playground', () => it.skip(missing, () => {}));
