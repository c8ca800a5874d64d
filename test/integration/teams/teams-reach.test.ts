// Reaching approvers in Teams who never opened a chat with Koers, against a local Microsoft Graph
// and a local Bot Connector: Koers installs itself for the approver, opens the chat and delivers
// the card; a refused installation makes the approver unreachable, with the reason told to the
// alliance team and the case handed on; and a case asked on Slack is decided in Teams, with both
// sides told.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.js';
import { TEAMS_SERVICE_URL, type TeamsReach } from '../../../src/channels/teams/reach-person.js';
import { teamsChannelWith } from '../../../src/channels/teams/teams-channel.js';
import { createGraphClient } from '../../../src/directory/graph-client.js';
import { syncPeople } from '../../../src/directory/sync-people.js';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import { applySyncPlan, knownPeople } from '../../../src/store/directory-store.js';
import { type FakeGraph, startFakeGraph } from '../../support/fake-graph.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import {
  ALLIANCE_CHANNEL,
  actionWith,
  cardOf,
  eventually,
  startTeamsHarness,
  type TeamsHarness,
  textOf,
} from './teams-harness.js';

const deltares: Proposal = {
  partner: { name: 'Deltares', type: 'knowledge-institution' },
  priority: 'climate-water',
  intensity: 'project',
  budget: 30_000,
  months: 6,
  direction: 'shared',
  requester: { id: 'u-anna', role: 'employee' },
};

const created = (aad: string) => `a:created-${aad}`;

describe('Teams: reaching an approver who never opened a chat with Koers', () => {
  let h: TeamsHarness | null = null;
  let g: FakeGraph | null = null;
  let slack: FakeSlack | null = null;
  afterEach(async () => {
    await h?.stop();
    await g?.close();
    await slack?.close();
    h = null;
    g = null;
    slack = null;
  });

  async function start(o: { withSlack?: boolean } = {}): Promise<{ h: TeamsHarness; g: FakeGraph }> {
    g = await startFakeGraph();
    const reach: TeamsReach = {
      graph: createGraphClient({
        config: {
          graphUrl: g.url,
          loginUrl: g.loginUrl,
          clientId: 'app-1',
          clientSecret: 'secret-1',
          tenantId: 'tenant-1',
          teamsCatalogAppId: 'catalog-koers',
        },
        sleep: async () => undefined,
      }),
      graphUrl: g.url,
      catalogAppId: 'catalog-koers',
      tenantId: 'tenant-1',
      defaultServiceUrl: TEAMS_SERVICE_URL,
    };
    if (o.withSlack) slack = await startFakeSlack();
    h = await startTeamsHarness({
      install: false,
      channels: 'only',
      channel: teamsChannelWith({ reach }),
      ...(slack
        ? {
            extraChannels: [createSlackChannel],
            env: {
              SLACK_BOT_TOKEN: 'xoxb-test',
              SLACK_SIGNING_SECRET: 'secret',
              SLACK_API_URL: slack.apiUrl,
              KOERS_SCHEDULER_TICK_MS: '60000',
            },
          }
        : {}),
    });
    return { h, g };
  }

  it('installs Koers for the approver, opens the chat and delivers the card there', async () => {
    const { h, g } = await start();
    const out = await h.t.app.parts.workflow.submit({ personId: 'u-anna', platform: 'teams' }, deltares);
    expect(out.ok && out.case.assigneeId).toBe('u-bram');
    const card = await h.fc.waitFor(
      (c) => c.conversationId === created('aad-u-bram') && cardOf(c.activity) !== null,
      15_000,
    );
    expect(textOf(card.activity)).toMatch(/Deltares/);
    expect(g.installed.has('aad-u-bram')).toBe(true);
    const install = g.calls.find((c) => c.path === '/v1.0/users/aad-u-bram/teamwork/installedApps');
    expect(install?.status).toBe(201);
    const opened = h.fc.calls.find((c) => c.path.endsWith('/v3/conversations'));
    expect(opened?.activity).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-u-bram' }],
      tenantId: 'tenant-1',
    });
    // The chat is kept: the next card to Bram goes there without installing again.
    const before = g.calls.length;
    const second = await h.t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'teams' },
      { ...deltares, partner: { name: 'TNO', type: 'knowledge-institution' } },
    );
    expect(second.ok).toBe(true);
    await h.fc.waitFor(
      (c) => c.conversationId === created('aad-u-bram') && /TNO/.test(textOf(c.activity)),
      15_000,
    );
    expect(g.calls.slice(before).filter((c) => c.path.includes('installedApps'))).toEqual([]);
    const stored = await h.t.app.parts.store.db
      .selectFrom('conversation_refs')
      .select(['key', 'person_id'])
      .where('key', '=', 'teams:aad-u-bram')
      .executeTakeFirstOrThrow();
    expect(stored.person_id).toBe('u-bram');
  });

  it('a refused installation makes the approver unreachable with the reason, and the case goes on', async () => {
    const { h, g } = await start();
    g.options.installRefused.add('aad-u-bram');
    const out = await h.t.app.parts.workflow.submit({ personId: 'u-anna', platform: 'teams' }, deltares);
    if (!out.ok) throw new Error('refused');
    const alert = await h.fc.waitFor((c) => c.conversationId === ALLIANCE_CHANNEL, 15_000);
    expect(textOf(alert.activity)).toMatch(/niet bereikbaar/);
    expect(textOf(alert.activity)).toMatch(/Reden: .*blocked by policy/);
    const now = await h.t.app.parts.workflow.getCase(out.case.id);
    expect(now?.state).toBe('open');
    expect(now?.assigneeId).not.toBe('u-bram');
    const alternate = `aad-${now?.assigneeId}`;
    const card = await h.fc.waitFor(
      (c) => c.conversationId === created(alternate) && cardOf(c.activity) !== null,
      15_000,
    );
    expect(textOf(card.activity)).toMatch(/Deltares/);
    expect(h.fc.calls.some((c) => c.conversationId === created('aad-u-bram'))).toBe(false);
    const bram = await h.t.app.parts.store.db
      .selectFrom('people')
      .select('unreachable_on')
      .where('id', '=', 'u-bram')
      .executeTakeFirstOrThrow();
    expect(bram.unreachable_on).toBe('teams');
  });

  it('a case asked on Slack is decided in Teams, and both sides are told', async () => {
    const { h } = await start({ withSlack: true });
    const db = h.t.app.parts.store.db;
    // Anna is only on Slack, Bram only on Teams: the ids come from a directory sync by e-mail.
    await db.updateTable('people').set({ teams_id: null, slack_id: null }).execute();
    for (const p of await db.selectFrom('people').select('id').execute())
      await db
        .updateTable('people')
        .set({ email: `${p.id}@provincie.example` })
        .where('id', '=', p.id)
        .execute();
    const strategy = h.t.app.parts.workflow.deps.strategy();
    await syncPeople({
      directory: { source: 'entra', every: '4h', roles: [] },
      roles: strategy.roleList.map((r) => r.id),
      read: async () => ({
        people: strategy.people.map((p) => ({
          directoryId: `dir-${p.id}`,
          name: p.name,
          email: `${p.id}@provincie.example`,
          ...(p.id === 'u-anna' ? { slackId: 'U_ANNA' } : { teamsId: `aad-${p.id}` }),
        })),
        warnings: [],
      }),
      store: {
        knownPeople: () => knownPeople(h.t.app.parts.store.handle),
        apply: (plan, at, actor) =>
          applySyncPlan(h.t.app.parts.store.handle, h.t.app.parts.store.backend, plan, {
            at,
            actor,
            source: 'entra',
          }),
        handOn: async () => 0,
      },
      now: new Date(),
      actor: 'test',
    });
    const anna = await db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', 'u-anna')
      .executeTakeFirstOrThrow();
    expect([anna.slack_id, anna.teams_id]).toEqual(['U_ANNA', null]);

    const out = await h.t.app.parts.workflow.submit({ personId: 'u-anna', platform: 'slack' }, deltares);
    if (!out.ok) throw new Error('refused');
    const request = await h.fc.waitFor(
      (c) => c.conversationId === created('aad-u-bram') && cardOf(c.activity) !== null,
      15_000,
    );
    const approve = actionWith(cardOf(request.activity), (k) => k?.decision === 'approve');
    const answer = await h.post(h.invoke('u-bram', request.id as string, approve.verb, approve.data));
    expect(answer.status).toBe(200);
    expect((await h.t.app.parts.workflow.getCase(out.case.id))?.state).toBe('approved');
    // Bram wrote on Teams: that is where he is told from now on.
    await eventually(async () => {
      const bram = await db
        .selectFrom('people')
        .select('last_platform')
        .where('id', '=', 'u-bram')
        .executeTakeFirstOrThrow();
      expect(bram.last_platform).toBe('teams');
    });
    const fake = slack as FakeSlack;
    await eventually(() => {
      const toAnna = fake.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.args.channel === dmOf('U_ANNA'),
      );
      expect(
        toAnna.some(
          (c) => /Deltares/.test(JSON.stringify(c.args)) && /goedgekeurd/i.test(JSON.stringify(c.args)),
        ),
      ).toBe(true);
    }, 15_000);
  });
});
