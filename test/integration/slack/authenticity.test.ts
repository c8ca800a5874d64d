// Requests that are not from Slack, or not from now, never reach Koers: each is refused with a
// bodiless 401 before anything is recorded or any Slack call is made. Signatures are computed for
// real; the app runs on a fixed clock a minute ahead of the machine's, so that Koers's ±300 s rule
// (and not Bolt's own past-only check against the machine clock) decides at every boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage, signSlack } from '../../support/slack-sender.js';
import { rowCounts } from './slack-helpers.js';
import { SIGNING_SECRET, type SlackTestApp, startSlackApp } from './slack-test-app.js';

const NOW_S = Math.floor(Date.now() / 1000) + 60;
const clock = () => new Date(NOW_S * 1000);

describe('inbound authenticity (Slack signatures and timestamps)', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, clock });
  });
  afterAll(async () => {
    await t.drop();
    await fake.close();
  });

  const turnBody = () =>
    JSON.stringify({
      type: 'event_callback',
      team_id: 'T0KOERS',
      event_id: `EvForged${Math.random().toString(36).slice(2)}`,
      event: dmMessage('U_u-anna', 'check'),
    });

  /** Sends a request that would start a check if it were accepted, and expects a bodiless 401 with no effect. */
  async function expectRefused(send: () => Promise<{ status: number; body: string }>, status = 401) {
    const db = t.app.parts.store.db;
    const before = await rowCounts(db);
    const callsBefore = fake.calls.length;
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.body).toBe('');
    // The refusal is the answer itself: it comes before the body is handed on, so nothing of this
    // request can still be running now. (An accepted one would have had a 200.)
    expect(await rowCounts(db)).toEqual(before);
    expect(fake.calls.slice(callsBefore)).toEqual([]);
  }

  it('accepts a correctly signed request (the control for the refusals below)', async () => {
    const callsBefore = fake.calls.length;
    const r = await t.slack.post(turnBody(), 'application/json');
    expect(r.status).toBe(200);
    await fake.waitFor((calls) => calls.slice(callsBefore).some((c) => c.method === 'chat.postMessage'));
  });

  it('refuses a request signed with the wrong secret', async () => {
    await expectRefused(() =>
      t.slack.post(turnBody(), 'application/json', { secret: 'not-the-signing-secret' }),
    );
  });

  it('refuses a signature made for another body', async () => {
    const other = signSlack(SIGNING_SECRET, NOW_S, turnBody());
    await expectRefused(() => t.slack.post(turnBody(), 'application/json', { signature: other }));
  });

  it('refuses a body changed by one bit after signing', async () => {
    const body = turnBody();
    const signature = signSlack(SIGNING_SECRET, NOW_S, body);
    const flipped = body.replace('check', 'chuck');
    await expectRefused(() => t.slack.post(flipped, 'application/json', { timestamp: NOW_S, signature }));
  });

  it('refuses a signature with one hex digit changed, a v1= signature, a non-hex one and none at all', async () => {
    const body = turnBody();
    const good = signSlack(SIGNING_SECRET, NOW_S, body);
    const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    await expectRefused(() =>
      t.slack.post(body, 'application/json', { timestamp: NOW_S, signature: flipped }),
    );
    await expectRefused(() =>
      t.slack.post(body, 'application/json', { timestamp: NOW_S, signature: good.replace('v0=', 'v1=') }),
    );
    await expectRefused(() =>
      t.slack.post(body, 'application/json', { timestamp: NOW_S, signature: 'v0=not-hex-at-all' }),
    );
    await expectRefused(() => t.slack.post(body, 'application/json', { timestamp: NOW_S, signature: null }));
  });

  it("answers Slack's unsigned SSL check, and runs nothing smuggled in beside it", async () => {
    const db = t.app.parts.store.db;
    const before = await rowCounts(db);
    const callsBefore = fake.calls.length;
    const body = new URLSearchParams({
      ssl_check: '1',
      command: '/koers',
      text: 'check',
      user_id: 'U_u-anna',
      trigger_id: 'smuggled.trigger',
      response_url: `${fake.url}/smuggled`,
    }).toString();
    const r = await t.slack.post(body, 'application/x-www-form-urlencoded', {
      timestamp: NOW_S,
      signature: null,
    });
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await rowCounts(db)).toEqual(before);
    expect(fake.calls.slice(callsBefore)).toEqual([]);
  });

  it('refuses a timestamp or a signature header sent twice', async () => {
    const body = turnBody();
    const good = signSlack(SIGNING_SECRET, NOW_S, body);
    await expectRefused(() =>
      t.slack.post(body, 'application/json', {
        timestamp: NOW_S,
        signature: good,
        headers: { 'x-slack-request-timestamp': [String(NOW_S), String(NOW_S)] },
      }),
    );
    await expectRefused(() =>
      t.slack.post(body, 'application/json', {
        timestamp: NOW_S,
        signature: good,
        headers: { 'x-slack-signature': [good, good] },
      }),
    );
  });

  it('refuses a validly signed request replayed after five minutes (now - 301 s)', async () => {
    await expectRefused(() => t.slack.post(turnBody(), 'application/json', { timestamp: NOW_S - 301 }));
  });

  it('refuses a validly signed request from the future (now + 301 s), which Bolt alone would accept', async () => {
    await expectRefused(() => t.slack.post(turnBody(), 'application/json', { timestamp: NOW_S + 301 }));
  });

  it('refuses a body over the cap with 413 before reading it', async () => {
    const big = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1024 * 1024 + 10) });
    await expectRefused(() => t.slack.post(big, 'application/json'), 413);
  });

  it.each([
    [-301, 401],
    [-300, 200],
    [-299, 200],
    [0, 200],
    [299, 200],
    [300, 200],
    [301, 401],
  ])('a request %i s from now gets %i', async (offset, status) => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: `c${offset}` });
    const r = await t.slack.post(body, 'application/json', { timestamp: NOW_S + offset });
    expect(r.status).toBe(status);
    expect(r.body).toBe(status === 200 ? JSON.stringify({ challenge: `c${offset}` }) : '');
  });
});
