// The conversation in Slack: it survives a restart in the middle (the state is in the store), it
// speaks each person's language (their directory record, else their Slack locale, else the
// strategy's), an @mention moves the check to the DM, and the bot ignores what is not a turn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage, mention } from '../../support/slack-sender.js';
import { posts, textOf, waitForLog, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const ANNA = 'U_u-anna';

describe('the conversation in Slack', () => {
  let fake: FakeSlack;
  const apps: SlackTestApp[] = [];
  beforeEach(async () => {
    fake = await startFakeSlack({ locales: { U0STRANGER: 'en-GB' } });
  });
  afterEach(async () => {
    for (const a of apps.splice(0).reverse()) await a.drop();
    await fake.close();
  });
  const start = async (o: { databaseUrl?: string } = {}) => {
    const a = await startSlackApp({ fake, ...o });
    apps.push(a);
    return a;
  };

  async function say(t: SlackTestApp, user: string, text: string): Promise<string> {
    const before = posts(fake, dmOf(user)).length;
    expect((await t.slack.event(dmMessage(user, text))).status).toBe(200);
    const after = await waitForPosts(fake, dmOf(user), before + 1);
    return after.slice(before).map(textOf).join('\n');
  }

  it('a restart in the middle of the check continues where the person was', async () => {
    const first = await start();
    expect(await say(first, ANNA, 'check')).toMatch(/Met welke organisatie/i);
    expect(await say(first, ANNA, 'Deltares')).toMatch(/Wat voor partij is Deltares\?/);
    await first.stop();

    const second = await start({ databaseUrl: first.databaseUrl });
    const next = await say(second, ANNA, '1');
    expect(next).toMatch(/Vraag 3 van 8/);
    expect(next).not.toMatch(/Met welke organisatie/i);
  });

  it('speaks English to a person whose record says so, and to a stranger whose Slack locale is English', async () => {
    const t = await start();
    expect(await say(t, 'U_u-fatima', 'check')).toMatch(/Which organisation/i);
    expect(await say(t, ANNA, 'help')).toMatch(/toets/i);
    const stranger = await say(t, 'U0STRANGER', 'help');
    expect(stranger).toMatch(/check/i);
    expect(stranger).not.toMatch(/toets een samenwerking/i);
  });

  it('an @mention in a channel starts the check in the DM and says so in the thread, only to the person', async () => {
    const t = await start();
    const m = mention(ANNA, '<@U0KOERSBOT> mag ik met TU Delft een project over energie starten?');
    expect((await t.slack.event(m)).status).toBe(200);
    const [question] = await waitForPosts(fake, dmOf(ANNA), 1);
    expect(textOf(question)).toMatch(/Wat voor partij is TU Delft\?/);
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').length === 1);
    const note = fake.callsOf('chat.postEphemeral')[0];
    expect(note?.args).toMatchObject({ channel: 'C0GENERAL', user: ANNA, thread_ts: m.ts });
    expect(textOf(note)).toMatch(/privébericht/);
    expect(posts(fake, 'C0GENERAL')).toEqual([]);
  });

  it('ignores its own messages, other bots, edits and deletions', async () => {
    const t = await start();
    // Koers's own message is dropped by Bolt before any listener, right after its acknowledgement;
    // the others each reach the listener, which logs letting them go: their ends. Sent after it,
    // they end after it.
    await t.slack.event({ ...dmMessage('U0KOERSBOT', 'check'), bot_id: 'B0KOERS' });
    await t.slack.event({ ...dmMessage(ANNA, 'check'), subtype: 'message_changed' });
    await t.slack.event({ ...dmMessage(ANNA, 'check'), subtype: 'message_deleted' });
    await t.slack.event({ ...dmMessage('U0OTHERBOT', 'check'), bot_id: 'B0OTHER', subtype: 'bot_message' });
    await waitForLog(t.logs, 'slack message ignored: not a person’s direct message', 3);
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    expect(await t.app.parts.store.db.selectFrom('conversation_state').selectAll().execute()).toEqual([]);
  });
});
