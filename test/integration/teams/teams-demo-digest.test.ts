// The digest in the local demo, against a fake Bot Connector standing in for the Agents
// Playground (on KOERS_PLAYGROUND_PORT, under /_connector as the Playground serves it): the week so
// far goes to the alliance team channel on start, before anyone opened the Playground, and on
// every `portfolio`, without claiming the period's run key; the weekly digest still goes out
// once at its time. The Playground shows that channel as "Alliantieteam".
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { playgroundConfigYaml } from '../../../src/channels/teams/demo-playground.js';
import { createTeamsChannel } from '../../../src/channels/teams/teams-channel.js';
import { runDigest } from '../../../src/jobs/run-digest.js';
import { startTestApp, type TestApp } from '../../support/app-fixture.js';
import { exampleStrategy } from '../../support/example-strategy.js';
import { type FakeConnector, startFakeConnector } from '../../support/fake-connector.js';
import { ALLIANCE_CHANNEL, cardOf, STRATEGY_CHANNEL } from './teams-harness.js';

const PERSONAL = 'koers-demo-personal-chat';

describe('the digest in the demo', () => {
  let fc: FakeConnector;
  let t: TestApp;
  beforeEach(async () => {
    fc = await startFakeConnector();
    t = await startTestApp({
      channels: [createTeamsChannel],
      env: { KOERS_PLAYGROUND_PORT: new URL(fc.url).port },
      demoData: true,
      demoDigest: true,
    });
  });
  afterEach(async () => {
    await t?.stop();
    await fc?.close();
  });

  const digestCards = () =>
    fc
      .to(ALLIANCE_CHANNEL)
      .filter((c) => c.method === 'POST' && c.status === 201)
      .map((c) => JSON.stringify(cardOf(c.activity)));

  it('posts the week so far to the alliance channel on start, before anyone opened the Playground', async () => {
    expect(await t.app.parts.portfolio.postWeekSoFar()).toBe(1);
    const call = await fc.waitFor((c) => c.conversationId === ALLIANCE_CHANNEL && c.status === 201);
    expect(call.path.startsWith(`/_connector/v3/conversations/${ALLIANCE_CHANNEL}/activities`)).toBe(true);
    expect(digestCards()[0]).toMatch(/Portfoliodigest \d{4}-W\d\d tot nu toe/);
    expect(digestCards()[0]).toMatch(/Een tussenstand: de weekdigest over deze periode volgt op/);
    // One message: the Playground shows no image attachments, so no chart of its own.
    expect(fc.to(ALLIANCE_CHANNEL)).toHaveLength(1);
    expect(await t.app.parts.store.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);
  });

  it('posts it again on every `portfolio`, says so in the answer, and leaves the weekly run to the scheduler', async () => {
    const message = (text: string) => ({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: `${fc.url}_connector`,
      timestamp: new Date().toISOString(),
      from: { id: 'user-id-0', aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Demo' },
      recipient: { id: '00000000-0000-0000-0000-00000000000011', name: 'Koers' },
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: 't' },
      channelData: { tenant: { id: 't' } },
      locale: 'nl-NL',
      text,
      textFormat: 'plain',
    });
    for (const n of [1, 2]) {
      const r = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('portfolio')),
      });
      expect(r.status).toBe(200);
      await fc.waitFor(() => digestCards().length === n);
    }
    const answers = fc
      .to(PERSONAL)
      .map((c) => JSON.stringify(c.activity))
      .filter((a) => a.includes('Actieve samenwerkingen'));
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain(
      'De digest van deze week tot nu toe staat nu in het kanaal van het alliantieteam.',
    );
    expect(answers[0]).toMatch(/Actieve samenwerkingen.*29 samenwerkingen/);
    expect(digestCards()).toHaveLength(2);
    expect(await t.app.parts.store.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);

    // The weekly digest of the period that just ended is still the scheduler's to send, once.
    const p = t.app.parts;
    const deps = {
      db: p.store.handle,
      backend: p.store.backend,
      strategy: p.holder.current,
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
      platforms: () => ['teams' as const],
      instanceId: 'scheduler',
      runLeaseMs: 60_000,
    };
    const occurrence = new Date('2026-11-30T07:00:00.000Z');
    expect(await runDigest(deps, occurrence, 'schedule')).toMatchObject({ status: 'sent', posts: 1 });
    expect(await runDigest(deps, occurrence, 'schedule')).toMatchObject({ status: 'already_done' });
  });
});

describe("the demo's Playground", () => {
  it('shows the alliance channel as Alliantieteam and the strategy channel as Strategiekanaal, neither as General', () => {
    const config = parse(playgroundConfigYaml(exampleStrategy())) as {
      groupChat: { id: string; name: string };
      team: { id: string; channels: Array<{ id: string; name: string }> };
    };
    // The Playground names its team's own channel (the team's id) General and takes one more.
    expect(config.groupChat).toEqual({ id: ALLIANCE_CHANNEL, name: 'Alliantieteam' });
    expect(config.team.channels).toEqual([{ id: STRATEGY_CHANNEL, name: 'Strategiekanaal' }]);
    expect([ALLIANCE_CHANNEL, STRATEGY_CHANNEL]).not.toContain(config.team.id);
  });
});
