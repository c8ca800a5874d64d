// PostgreSQL out of reach (stopped, or the network to it gone): a turn that cannot get at the
// store is acknowledged and the person is told that nothing was recorded. Before, the slash
// command got an empty acknowledgement and then nothing, and a DM no answer at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { dmMessage, slashCommand } from '../../support/slack-sender.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import { posts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const NOTHING_RECORDED = 'er is niets vastgelegd';

describe('a PostgreSQL store out of reach', () => {
  let fake: FakeSlack;
  let proxy: TcpProxy;
  let direct: SlackTestApp;
  let t: SlackTestApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    proxy = await startTcpProxy('127.0.0.1', 5432);
    direct = await startSlackApp({ fake, backend: 'postgres' });
    await direct.stop();
    t = await startSlackApp({
      fake,
      databaseUrl: direct.databaseUrl.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`),
    });
    // The database goes away: open connections break, new ones are refused.
    await proxy.close();
  });
  afterAll(async () => {
    // Its drain reads the store, which is still away.
    await t.stop().catch(() => {});
    await direct.drop();
    await fake.close();
  });

  it('answers a slash command (a read, no dedupe key) that nothing was recorded', async () => {
    const url = fake.responseUrl('unreachable-command');
    const r = await t.slack.command(slashCommand('U_u-anna', 'status', url));
    expect(r.status).toBe(200);
    await fake.waitFor(
      () =>
        r.body.includes(NOTHING_RECORDED) ||
        fake.calls.some(
          (c) =>
            c.path === '/respond/unreachable-command' && JSON.stringify(c.args).includes(NOTHING_RECORDED),
        ),
      10_000,
    );
  });

  it('answers a DM (a turn with a dedupe key) that nothing was recorded', async () => {
    const dm = dmOf('U_u-bram');
    expect((await t.slack.event(dmMessage('U_u-bram', 'check'))).status).toBe(200);
    await fake.waitFor(() => posts(fake, dm).some((p) => textOf(p).includes(NOTHING_RECORDED)), 10_000);
  });
});
