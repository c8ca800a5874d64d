// Over the Teams endpoint, a person who types as people do: a partner inside a sentence, a typo,
// a number in words, a duration in weeks. The stored case holds exactly what was meant, and every
// reading that was not literal was said back on the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_PORTFOLIO } from '../../../src/config.js';
import { csvFile } from '../../../src/portfolio/csv-records.js';
import { importRegister } from '../../../src/portfolio/import-register.js';
import { exampleStrategy } from '../../support/example-strategy.js';
import { cardOf, personalChat, startTeamsHarness, type TeamsHarness, textOf } from './teams-harness.js';

const ANNA = personalChat('u-anna');

describe('Teams: understanding what people type', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Sends a message from Anna and returns the text of the card(s) the bot answered with. */
  async function say(text: string): Promise<string> {
    const before = h.fc.calls.filter((c) => c.conversationId === ANNA).length;
    expect((await h.post(h.message('u-anna', text))).status).toBe(200);
    await h.fc.waitFor(
      (c) => c.conversationId === ANNA && h.fc.calls.filter((x) => x.conversationId === ANNA).length > before,
    );
    return h.fc.calls
      .filter((c) => c.conversationId === ANNA)
      .slice(before)
      .map((c) => textOf(c.activity))
      .join('\n');
  }

  it('a dialog typed with typos, number words and the partner in a sentence stores exactly what was meant', async () => {
    const first = await say('mag ik met Greenpeace Nederland kennis delen over biodiversiteit?');
    expect(first).toMatch(/Greenpeace Nederland/);
    expect(first).toMatch(/Wat voor partij is Greenpeace Nederland\?/);
    expect(await say('maatschapelijke organisatie')).toMatch(/Ik lees: Maatschappelijke organisatie/);
    expect(await say('twintigduizend')).toMatch(/Ik lees: €\s20\.000/u);
    expect(await say('6 weken')).toMatch(/Ik reken dat als 2 maanden/);
    await say('wij hebben hen nodig');
    const confirm = await say('nee hoor');
    expect(confirm).toMatch(/Klopt dit\?/);
    await say('ja');
    const stored = await h.t.app.parts.store.db
      .selectFrom('cases')
      .select(['proposal', 'partner'])
      .where('requester_id', '=', 'u-anna')
      .executeTakeFirstOrThrow();
    expect(stored.partner).toBe('Greenpeace Nederland');
    expect(JSON.parse(stored.proposal)).toMatchObject({
      partner: { name: 'Greenpeace Nederland', type: 'civil-society' },
      priority: 'nature',
      intensity: 'exchange',
      budget: 20000,
      months: 2,
      direction: 'we_need',
      confidential: false,
    });
  });

  it('answers a Dutch-profile person who writes English in English, and short words do not switch', async () => {
    const english = await say('Can I start a partnership with Shell?');
    expect(english).toMatch(/What kind of party is Shell\?/);
    // The dialog keeps the language it switched to.
    expect(await say('ok')).toMatch(/I did not understand “ok”/);
    const stop = await say('stop');
    expect(stop).toMatch(/Stopped/);
    expect(await say('help')).toMatch(/U kunt zeggen/);
  });

  it('offers "did you mean" for a partner looked up with a typo', async () => {
    const parts = h.t.app.parts;
    await importRegister(
      parts.store.handle,
      parts.store.backend,
      exampleStrategy(),
      csvFile(BUNDLED_PORTFOLIO),
      {
        now: new Date(),
      },
    );
    const answer = await say('wie Deltaris');
    expect(answer).toMatch(/Bedoelt u een van deze\?/);
    const card = h.fc.calls.filter((c) => c.conversationId === ANNA).at(-1);
    const json = JSON.stringify(cardOf(card?.activity) ?? {});
    expect(json).toContain('"type":"who","partner":"Deltares"');
    expect(json).toContain('"type":"who","partner":"Stichting Deltares"');
  });
});
