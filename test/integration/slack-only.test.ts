// A Slack-only deployment (no MicrosoftAppId, not the demo) has no Teams channel: /api/messages is
// not served at all (interfaces.md), not even to loopback clients, which without an app id could
// say who they are and where the answer goes; people with a Teams id in the directory get their
// notifications on Slack and are never taken for unreachable on Teams.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/app/channels.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BOT_TOKEN, SIGNING_SECRET, strategyWithSlackIds } from './slack/slack-test-app.js';

describe('Slack only', () => {
  let fake: FakeSlack;
  let t: TestApp;
  let dir: string;
  afterEach(async () => {
    await t?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('notifies on Slack only, and does not serve /api/messages, even to a loopback client', async () => {
    fake = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'koers-slack-only-'));
    const people = { 'u-bram': { teams: '29:bram-teams-id' }, 'u-anna': { teams: '29:anna-teams-id' } };
    t = await startTestApp({
      channels: CHANNELS,
      env: {
        KOERS_STRATEGY: strategyWithSlackIds(dir, people),
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: fake.apiUrl,
      },
    });
    const out = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'Deltares', type: 'knowledge-institution' },
        priority: 'climate-water',
        budget: 30_000,
        direction: 'shared',
      }),
    );
    expect(out).toMatchObject({ ok: true, case: { assigneeId: 'u-bram' } });
    const rows = await t.app.parts.store.db.selectFrom('outbox').select(['platform', 'kind']).execute();
    expect(rows).toEqual([{ platform: 'slack', kind: 'approval_request' }]);

    const activity = {
      type: 'message',
      id: 'a1',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: 'user-1', name: 'Someone' },
      recipient: { id: 'bot', name: 'Koers' },
      conversation: { id: 'conv-1', conversationType: 'personal' },
    };
    const r = await fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(r.status).toBe(404);
    expect(await t.app.parts.store.db.selectFrom('processed_events').selectAll().execute()).toEqual([]);
  });
});
