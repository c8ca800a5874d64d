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

  it('cannot be written through the outbox when they do not fit their kind', async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, outboxIntervalMs: 50 });
    const write = (payload: Record<string, unknown>) =>
      t.app.parts.store.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, new Date().toISOString(), [
            { dedupeKey: 'x', kind: 'reminder', platform: 'slack', target: { person: 'u-bram' }, payload },
          ]),
        );
    await expect(write({})).rejects.toThrow(/reminder: payload does not fit \(to:/);
    await write({ to: 'u-bram' });
    expect(await t.app.parts.store.db.selectFrom('outbox').select('kind').execute()).toEqual([
      { kind: 'reminder' },
    ]);
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
      ]),
    );
    // Rows as an older or a broken writer left them: written as they are, never through enqueue.
    const raw = (dedupe_key: string, kind: string, target: string, payload: string) => ({
      dedupe_key,
      kind,
      platform: 'slack',
      target,
      case_id: null,
      payload,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    });
    await db
      .insertInto('outbox')
      .values([
        raw('odd-kind', 'carrier_pigeon', '{"channel":"strategy"}', '{}'),
        raw('no-recipient', 'approval_request', '{"person":"u-bram"}', '{"onBehalfOf":"u-carla"}'),
        raw('not-json', 'strategy_summary', '{"channel":"strategy"}', '{"outcome":'),
      ])
      .execute();
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
          last_error: 'unknown kind carrier_pigeon',
          sent_at: null,
        },
        {
          dedupe_key: 'no-recipient',
          status: 'skipped',
          last_error:
            'approval_request: payload does not fit (to: Invalid input: expected string, received undefined)',
          sent_at: null,
        },
        {
          dedupe_key: 'not-json',
          status: 'skipped',
          last_error: 'strategy_summary: target or payload is not JSON',
          sent_at: null,
        },
      ]);
    });
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    expect(t.logs.join('')).toMatch(/outbox message cannot be built: skipped, not sent/);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/koers_outbox_deliveries_total\{platform="slack",result="skipped"\} 4/);
  });
});
