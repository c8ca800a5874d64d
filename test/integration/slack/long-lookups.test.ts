// "wie" followed by hundreds or thousands of words: an answer comes, on both stores, saying that
// only the first words of a partner name were looked up. The lookup's query does not grow with
// the words (SQLite refused an OR of 650 words' patterns as "Expression tree is too large", and
// 6,500 words overflowed the stack on both stores).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRelationships } from '../../jobs/support/seed-portfolio.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage } from '../../support/slack-sender.js';
import { BACKENDS } from '../../support/test-stores.js';
import { posts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

describe.each(BACKENDS)('a partner lookup of any length (%s)', (backend) => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, backend });
    await seedRelationships(t.app.parts.store.db, [
      {
        partner: 'Deltares',
        owner: 'u-joost',
        unit: 'Water en Bodem',
        priority: 'climate-water',
        intensity: 'project',
        budget: 8_000,
      },
    ]);
  });
  afterAll(async () => {
    await t.drop();
    await fake.close();
  });

  async function ask(text: string): Promise<string> {
    const dm = dmOf('U_u-anna');
    const before = posts(fake, dm).length;
    expect((await t.slack.event(dmMessage('U_u-anna', text))).status).toBe(200);
    await fake.waitFor(() => posts(fake, dm).length > before, 20_000);
    return textOf(posts(fake, dm).at(-1));
  }

  it('answers a short lookup without a note (the control)', async () => {
    const answer = await ask('wie Deltares');
    expect(answer).toContain('Joost');
    expect(answer).not.toContain('hoogstens 12 woorden');
  });

  it.each([700, 6_500])('answers "wie" with %i words, saying only the first 12 were looked up', async (n) => {
    const words = Array.from({ length: n }, (_, i) => `w${i.toString(36)}`).join(' ');
    const answer = await ask(`wie Stichting ${words}`);
    expect(answer).toContain(
      'Een partnernaam is hoogstens 12 woorden: ik heb alleen op de eerste 12 gezocht.',
    );
  });
});
