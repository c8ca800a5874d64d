// `koers digest --send` posts the digest itself, with no server running: the real, built command
// against the fake Slack Web API, through the same outbox row and senders as the server. One claim
// makes one post per period, however many run at once; a second run posts nothing and says so.
// Teams is posted to when Koers knows a conversation of the alliance channel, else the command
// says why and exits 1.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/app/send-digest.js';
import { createSlackChannel } from '../../src/channels/slack/slack-channel.js';
import { teamsChannelWith } from '../../src/channels/teams/teams-channel.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { EXAMPLE_STRATEGY, type KoersRun, koers } from '../cli/run-koers.js';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { FixedOutboundCredentials } from '../support/outbound-credentials.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';
import { seedRelationships } from './support/seed-portfolio.js';

const ALLIANCE_SLACK = 'C0ALLIANCE';
const ALLIANCE_TEAMS = '19:alliance@thread.tacv2';
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TEAMS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-password' };

describe.each(BACKENDS)('koers digest --send on %s', (backend) => {
  let db: { url: string; drop: () => Promise<void> } | null = null;
  let fake: FakeSlack | null = null;
  let connector: FakeConnector | null = null;
  afterEach(async () => {
    await db?.drop();
    await fake?.close();
    await connector?.close();
    db = null;
    fake = null;
    connector = null;
  });

  async function setUp(): Promise<Record<string, string>> {
    db = await freshDatabaseUrl(backend);
    fake = await startFakeSlack();
    const s = await openStore(db.url);
    await seedRelationships(s.db, [
      {
        partner: 'Gemeente Gouda',
        owner: 'u-anna',
        unit: 'Energie en Klimaat',
        priority: 'energy-transition',
        intensity: 'project',
        budget: 10_000,
      },
    ]);
    await s.close();
    return {
      KOERS_DATABASE_URL: db.url,
      KOERS_STRATEGY: EXAMPLE_STRATEGY,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
    };
  }

  const digestPosts = () =>
    (fake?.callsOf('chat.postMessage') ?? []).filter(
      (c) => c.args.channel === ALLIANCE_SLACK && c.outcome === 'ok',
    );

  it('posts to Slack itself with no server running, once; a second run posts nothing and says so', async () => {
    const env = await setUp();
    const first = await koers(['digest', '--send'], undefined, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^digest \d{4}-W\d\d \(digest:\S+\) posted to the alliance team channel on slack\n$/,
    );
    expect(digestPosts()).toHaveLength(1);
    expect(JSON.stringify(digestPosts()[0]?.args.blocks)).toMatch(/Portfoliodigest/);
    // The chart went into the post's thread.
    expect(fake?.callsOf('files.completeUploadExternal')).toHaveLength(1);

    const again = await koers(['digest', '--send'], undefined, env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /^digest \d{4}-W\d\d \(digest:\S+\) was already posted on slack at \S+Z; nothing to do\n$/,
    );
    expect(digestPosts()).toHaveLength(1);
    const s = await openStore(env.KOERS_DATABASE_URL as string);
    expect(await s.db.selectFrom('outbox').select(['kind', 'platform', 'status']).execute()).toEqual([
      { kind: 'digest', platform: 'slack', status: 'sent' },
    ]);
    await s.close();
  }, 60_000);

  it('three runs at once against one database post once', async () => {
    const env = await setUp();
    const runs: KoersRun[] = await Promise.all(
      [1, 2, 3].map(() => koers(['digest', '--send'], undefined, env)),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs.filter((r) => / posted to the alliance team channel on slack/.test(r.stdout))).toHaveLength(
      1,
    );
    expect(
      runs.filter((r) =>
        /was already posted on slack|is being posted on slack|is being sent by/.test(r.stdout),
      ),
    ).toHaveLength(2);
    expect(digestPosts()).toHaveLength(1);
  }, 60_000);

  it('with Teams configured but no conversation of the alliance channel known: posts to Slack, says why not to Teams, exits 1', async () => {
    const env: Record<string, string> = { ...(await setUp()), ...TEAMS };
    const run = await koers(['digest', '--send'], undefined, env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ posted to the alliance team channel on slack\n$/);
    expect(run.stderr).toContain(
      `not posted on teams: no conversation reference for the alliance team channel ${ALLIANCE_TEAMS}: Koers has not been added to a team in Teams yet`,
    );
    expect(digestPosts()).toHaveLength(1);
    // The Teams post waits in the outbox, never tried, for a server that learns the channel.
    const s = await openStore(env.KOERS_DATABASE_URL as string);
    expect(
      await s.db
        .selectFrom('outbox')
        .select(['platform', 'status', 'attempts'])
        .where('platform', '=', 'teams')
        .execute(),
    ).toEqual([{ platform: 'teams', status: 'pending', attempts: 0 }]);
    await s.close();
  }, 60_000);

  it('posts the digest card to Teams when a conversation of the alliance channel is known', async () => {
    const env: Record<string, string> = { ...(await setUp()), ...TEAMS };
    connector = await startFakeConnector();
    const s = await openStore(env.KOERS_DATABASE_URL as string);
    await s.db
      .insertInto('conversation_refs')
      .values({
        key: `teams-channel:${ALLIANCE_TEAMS}`,
        platform: 'teams',
        person_id: null,
        reference: JSON.stringify({
          channelId: 'msteams',
          serviceUrl: connector.url,
          bot: { id: `28:${APP_ID}`, name: 'Koers' },
          conversation: { id: ALLIANCE_TEAMS, conversationType: 'channel', isGroup: true, tenantId: 't-1' },
        }),
        unreachable_at: null,
        updated_at: new Date().toISOString(),
      })
      .execute();
    await s.close();
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const options = {
      config: loaded.config,
      logger: pino({ level: 'silent' }),
      channels: [
        createSlackChannel,
        teamsChannelWith({
          credentialsFactory: new FixedOutboundCredentials({
            MicrosoftAppId: APP_ID,
            MicrosoftAppPassword: 'x',
          }),
        }),
      ],
      clock: () => new Date(),
      occurrence: new Date('2026-11-30T07:00:00.000Z'),
      platforms: ['slack', 'teams'] as const,
    };
    const report = await sendDigest({ ...options, platforms: [...options.platforms] });
    expect(report.platforms).toEqual([
      { platform: 'slack', status: 'posted' },
      { platform: 'teams', status: 'posted' },
    ]);
    const posted = connector.to(ALLIANCE_TEAMS).filter((c) => c.method === 'POST' && c.status === 201);
    expect(posted.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(posted[0]?.activity)).toMatch(/Portfoliodigest 2026-W48/);
    const again = await sendDigest({ ...options, platforms: [...options.platforms] });
    expect(again.platforms.map((p) => p.status)).toEqual(['already_posted', 'already_posted']);
    expect(connector.to(ALLIANCE_TEAMS).filter((c) => c.method === 'POST' && c.status === 201)).toHaveLength(
      posted.length,
    );
  }, 60_000);
});
