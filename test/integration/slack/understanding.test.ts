// Over the Slack Events API, a person who types as people do: the partner inside an English
// sentence, a typo, a number in words, weeks for a duration. The stored case holds exactly what
// was meant; the reply follows the language the person writes, and `ok`/`help` do not switch it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage } from '../../support/slack-sender.js';
import { posts, textOf, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';

describe('Slack: understanding what people type', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeEach(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
  });
  afterEach(async () => {
    await t.drop();
    await fake.close();
  });

  async function say(text: string): Promise<string> {
    const before = posts(fake, dmOf(ANNA)).length;
    expect((await t.slack.event(dmMessage(ANNA, text))).status).toBe(200);
    const after = await waitForPosts(fake, dmOf(ANNA), before + 1);
    return after.slice(before).map(textOf).join('\n');
  }

  it('an English dialog with typos and number words, from a Dutch-profile person, stores what was meant', async () => {
    const first = await say("we'd like to run a pilot with Partners for Water on dyke safety");
    expect(first).toMatch(/What kind of party is Partners for Water\?/);
    expect(await say('an ngo')).toMatch(/Which priority of the strategy/);
    expect(await say('climate adaptaton')).toMatch(/I read that as: Climate adaptation and water/);
    expect(await say('twenty-five thousand euros')).toMatch(/I read that as: €25,000/);
    expect(await say('eighteen months')).toMatch(/I read that as: 18 months/);
    expect(await say('shared task')).toBeTruthy();
    expect(await say('no')).toMatch(/Is this right\?/);
    await say('yes');
    const c = await t.app.parts.store.db
      .selectFrom('cases')
      .select('proposal')
      .where('requester_id', '=', 'u-anna')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(c.proposal)).toMatchObject({
      partner: { name: 'Partners for Water', type: 'civil-society' },
      priority: 'climate-water',
      intensity: 'project',
      budget: 25000,
      months: 18,
      direction: 'shared',
      confidential: false,
    });
  });

  it('short words do not switch the language: ok and help stay in Dutch', async () => {
    expect(await say('help')).toMatch(/U kunt zeggen/);
    expect(await say('ok')).toMatch(/Dat begrijp ik niet/);
    expect(await say('who works with Deltares?')).toMatch(/Who works with Deltares\?/);
  });
});
