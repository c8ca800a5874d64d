// The weekly digest reaches the alliance team's Slack channel as a message, with its chart
// uploaded in the message's thread (files.uploadV2 against the fake: upload URL, bytes, complete).
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runDigest } from '../../../src/jobs/run-digest.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { outboxPosts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

describe('the digest on Slack', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  afterEach(async () => {
    await t?.drop();
    await fake?.close();
  });

  it('posts the digest to the alliance channel once, with the chart in its thread', async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
    const p = t.app.parts;
    const deps = {
      db: p.store.handle,
      backend: p.store.backend,
      strategy: p.holder.current,
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
      platforms: () => ['slack' as const],
      instanceId: 'test',
      runLeaseMs: 60_000,
    };
    const occurrence = new Date('2026-11-23T07:00:00.000Z');
    expect(await runDigest(deps, occurrence, 'cli')).toMatchObject({ status: 'sent', posts: 1 });
    expect(await runDigest(deps, occurrence, 'cli')).toMatchObject({ status: 'already_done' });
    await p.outboxLoop.kick();
    await fake.waitFor(() => fake.callsOf('files.completeUploadExternal').length >= 1, 10_000);
    const posted = outboxPosts(fake, 'C0ALLIANCE', 'digest');
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0])).toMatch(/Portfolio|portfolio/);
    const [upload] = fake.callsOf('upload');
    expect(Number(upload?.args.bytes)).toBeGreaterThan(1000);
    const complete = fake.callsOf('files.completeUploadExternal')[0];
    expect(complete?.args.channel_id).toBe('C0ALLIANCE');
    expect(complete?.args.thread_ts).toBe(fake.messages('C0ALLIANCE')[0]?.ts);
  });
});
