// SIGTERM (app.stop): stop accepting, finish what is in flight, and send what the outbox holds
// before closing the database, so a rolling restart loses no notification.
import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { ANNA, proposal } from '../support/proposals.js';
import { outboxPosts } from './slack/slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack/slack-test-app.js';

describe('graceful stop', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  afterEach(async () => {
    await t?.drop();
    await fake?.close();
  });

  it('drains the outbox before it closes the database', async () => {
    fake = await startFakeSlack();
    // An outbox loop that would not run again for an hour: only the stop can send.
    t = await startSlackApp({ fake, outboxIntervalMs: 3_600_000 });
    const wf = t.app.parts.workflow;
    const out = await wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'Deltares', type: 'knowledge-institution' },
        priority: 'climate-water',
        budget: 30_000,
        direction: 'shared',
      }),
    );
    expect(out).toMatchObject({ ok: true, case: { state: 'open', assigneeId: 'u-bram' } });
    expect(outboxPosts(fake, dmOf('U_u-bram'))).toHaveLength(0);
    expect((await t.app.parts.dispatcher.backlog()).pending).toBe(1);

    await t.app.stop({ drainMs: 5000 });
    expect(outboxPosts(fake, dmOf('U_u-bram'), 'approval_request')).toHaveLength(1);
    // The server no longer takes requests.
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});
