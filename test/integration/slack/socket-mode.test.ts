// Socket Mode (SLACK_APP_TOKEN set): no public URL, no /slack/events route; Koers asks
// apps.connections.open for a WebSocket, waits for Slack's hello, and takes events as envelopes it
// acknowledges by envelope id. Kept small: a local WebSocket server speaks Slack's envelope protocol.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage } from '../../support/slack-sender.js';
import { textOf, waitForPosts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

describe('Socket Mode', () => {
  let fake: FakeSlack;
  let wss: WebSocket.Server;
  let socket: WebSocket | null = null;
  const received: Array<Record<string, unknown>> = [];
  let t: SlackTestApp | null = null;

  beforeEach(async () => {
    fake = await startFakeSlack();
    // ws 7 (the one @slack/socket-mode brings) has its server as WebSocket.Server.
    wss = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A0KOERS' },
          debug_info: { host: 'local' },
        }),
      );
    });
    fake.useSocketUrl(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
  });
  afterEach(async () => {
    await t?.drop();
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await fake.close();
  });

  it('connects with the app token, acknowledges an event envelope and answers the DM through the Web API', async () => {
    t = await startSlackApp({ fake, env: { SLACK_APP_TOKEN: 'xapp-1-A0KOERS-test-app-token' } });
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(socket).not.toBeNull();

    // Over HTTP, Slack is not served in Socket Mode.
    const http = await t.slack.post('{}', 'application/json');
    expect(http.status).toBe(404);

    socket?.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: {
          type: 'event_callback',
          team_id: 'T0KOERS',
          event_id: 'EvSocket1',
          event: dmMessage('U_u-anna', 'check'),
        },
      }),
    );
    const [question] = await waitForPosts(fake, dmOf('U_u-anna'), 1);
    expect(textOf(question)).toMatch(/Met welke organisatie/);
    expect(received).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  });
});
