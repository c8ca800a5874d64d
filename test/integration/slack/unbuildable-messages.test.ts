// An outbox message that cannot be built (its case is gone, a kind nobody knows) is kept as
// `skipped` with its reason, logged and counted as a failure in /metrics, never marked sent;
// one with nothing to send on this platform (a channel configured only for Teams) is quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../../src/store/outbox.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { eventually } from '../teams/teams-harness.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

describe('outbox messages that cannot be built', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  afterEach(async () => {
    await t.stop();
    await t.drop();
    await fake.close();
  });

  it('are skipped with their reason and counted as failures, never sent', async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, outboxIntervalMs: 50 });
    const db = t.app.parts.store.db;
    const now = new Date().toISOString();
    await db.transaction().execute((trx) =>
      enqueue(trx, now, [
        {
          dedupeKey: 'gone-case',
          kind: 'approval_request',
          platform: 'slack',
          target: { person: 'u-bram' },
          caseId: 999,
          payload: { to: 'u-bram' },
        },
        {
          dedupeKey: 'odd-kind',
          kind: 'carrier_pigeon',
          platform: 'slack',
          target: { channel: 'strategy' },
          caseId: null,
          payload: {},
        },
      ]),
    );
    await eventually(async () => {
      const rows = await db
        .selectFrom('outbox')
        .select(['dedupe_key', 'status', 'last_error', 'sent_at'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { dedupe_key: 'gone-case', status: 'skipped', last_error: 'case not found', sent_at: null },
        {
          dedupe_key: 'odd-kind',
          status: 'skipped',
          last_error: 'unknown channel kind carrier_pigeon',
          sent_at: null,
        },
      ]);
    });
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    expect(t.logs.join('')).toMatch(/outbox message cannot be built: skipped, not sent/);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/koers_outbox_deliveries_total\{platform="slack",result="skipped"\} 2/);
  });
});
