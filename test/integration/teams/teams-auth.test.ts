// Who may talk to /api/messages. Without an app id only this machine may (tested from the
// machine's own non-loopback address, X-Forwarded-For notwithstanding). With an app id, botbuilder
// validates Bot Framework tokens against a local OpenID metadata and key server: real RS256
// tokens, nothing in the validation stubbed; only the bot's own outbound token (normally from
// login.microsoftonline.com) is a stand-in.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { teamsChannelWith } from '../../../src/channels/teams/teams-channel.js';
import { captureLogger, type LogLine } from '../../jobs/support/scheduler-fixture.js';
import { type OpenIdServer, startOpenIdServer } from '../../support/openid-server.js';
import { FIXED_OUTBOUND_TOKEN, FixedOutboundCredentials } from '../../support/outbound-credentials.js';
import { personalChat, startTeamsHarness, type TeamsHarness } from './teams-harness.js';

const APP_ID = '7b2c0c1e-koers-test-app';

function ownAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

describe('without an app id: loopback only', () => {
  let h: TeamsHarness;
  const address = ownAddress();
  beforeAll(async () => {
    h = await startTeamsHarness({ env: { HOST: '0.0.0.0' }, install: false });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.skipIf(address === null)(
    'refuses a request from the network with 401, whatever X-Forwarded-For says',
    async () => {
      const url = `http://${address}:${h.t.app.port}/api/messages`;
      const spoofs: Array<Record<string, string>> = [
        {},
        { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
      ];
      for (const headers of spoofs) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(h.message('u-anna', 'status')),
        });
        expect(res.status).toBe(401);
        expect(await res.text()).toBe('');
      }
      expect(h.fc.calls).toEqual([]);
    },
  );

  it('refuses a loopback request that carries Forwarded or X-Forwarded-For: a proxy passed it on', async () => {
    const forwarded: Array<Record<string, string>> = [
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: 'for=127.0.0.1' },
      { 'x-forwarded-for': '203.0.113.9' },
    ];
    for (const headers of forwarded) {
      const r = await h.post(h.message('u-anna', 'status'), headers);
      expect(r).toMatchObject({ status: 401, body: null });
    }
    expect(h.fc.calls).toEqual([]);
  });

  it('accepts the same request from loopback', async () => {
    expect((await h.post(h.message('u-anna', 'status'))).status).toBe(200);
    await h.fc.waitFor((c) => c.conversationId === personalChat('u-anna'));
  });

  if (address === null)
    it.skip('this machine has no non-loopback IPv4 address: the network refusal cannot be tested here', () => {});
});

describe('with an app id: Bot Framework tokens', () => {
  let h: TeamsHarness;
  let openid: OpenIdServer;
  let lines: LogLine[] = [];
  beforeAll(async () => {
    openid = await startOpenIdServer();
    const captured = captureLogger();
    lines = captured.lines;
    h = await startTeamsHarness({
      logger: captured.logger,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-by-the-test',
        KOERS_BOT_OPENID_METADATA: openid.metadataUrl,
      },
      channel: teamsChannelWith({
        credentialsFactory: new FixedOutboundCredentials({
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'not-used-by-the-test',
        }),
      }),
      install: false,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await openid?.close();
  });

  const activity = () => h.message('u-anna', 'status');
  const valid = () => ({ aud: APP_ID, serviceurl: h.fc.url, appid: 'channel-app' });

  async function refused(headers: Record<string, string>) {
    const started = Date.now();
    const res = await h.post(activity(), headers);
    expect(res.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2_000);
  }

  it('refuses a request without a token, quickly', async () => {
    await refused({});
  });

  it('refuses a token signed by a key the metadata does not publish', async () => {
    await refused({ authorization: `Bearer ${openid.mint(valid(), { key: 'unpublished' })}` });
  });

  it('refuses a token for another app, for another service URL, expired, or under an unknown key id', async () => {
    await refused({ authorization: `Bearer ${openid.mint({ ...valid(), aud: 'another-app' })}` });
    await refused({
      authorization: `Bearer ${openid.mint({ ...valid(), serviceurl: 'https://evil.example/' })}`,
    });
    const past = Math.floor(Date.now() / 1000) - 3600;
    await refused({
      authorization: `Bearer ${openid.mint({ ...valid(), nbf: past - 60, iat: past - 60, exp: past })}`,
    });
    await refused({ authorization: `Bearer ${openid.mint(valid(), { kid: 'unknown-kid' })}` });
    expect(h.fc.calls).toEqual([]);
  });

  it('refuses with 403 a token signed by a published key that lists no endorsements, for channel msteams', async () => {
    const res = await h.post(activity(), {
      authorization: `Bearer ${openid.mint(valid(), { key: 'bare' })}`,
    });
    expect(res).toMatchObject({ status: 403, body: null });
    expect(h.fc.calls).toEqual([]);
  });

  it('puts what botbuilder says about a refused token in the log, without the token, not on the console', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = openid.mint({ ...valid(), nbf: past - 60, iat: past - 60, exp: past });
    const from = lines.length;
    await refused({ authorization: `Bearer ${expired}` });
    const line = lines.slice(from).find((l) => l.msg === 'botbuilder reported a problem');
    expect(line).toMatchObject({ component: 'botbuilder', detail: expect.stringMatching(/jwt expired/) });
    expect(JSON.stringify(lines)).not.toContain(expired.split('.')[2]);
    expect(stderr.mock.calls.flat().join(' ')).not.toMatch(/expired/);
    stderr.mockRestore();
  });

  it('accepts a correctly signed token, and answers through the connector with its own token', async () => {
    const res = await h.post(activity(), { authorization: `Bearer ${openid.mint(valid())}` });
    expect(res.status).toBe(200);
    const reply = await h.fc.waitFor((c) => c.conversationId === personalChat('u-anna'));
    expect(reply.authorization).toBe(`Bearer ${FIXED_OUTBOUND_TOKEN}`);
  });
});
