// The app with its Teams channel, a fake Bot Connector, and Teams activities as Teams sends them
// (recorded shapes from the Agents Playground and Teams). Every directory person has a Teams id
// and has installed Koers; the strategy and alliance channels have the bot.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelFactory } from '../../../src/app/create-app.js';
import { createTeamsChannel } from '../../../src/channels/teams/teams-channel.js';
import type { Backend } from '../../../src/store/backend.js';
import { startTestApp, type TestApp } from '../../support/app-fixture.js';
import { type FakeConnector, startFakeConnector } from '../../support/fake-connector.js';

export const STRATEGY_CHANNEL = '19:strategy@thread.tacv2';
export const ALLIANCE_CHANNEL = '19:alliance@thread.tacv2';
const TEAM_ID = '19:team-general@thread.tacv2';
const BOT = { id: '28:koers-bot', name: 'Koers' };

export const personalChat = (personId: string) => `a:personal-${personId}`;
export const teamsUser = (personId: string) => ({
  id: `29:${personId}`,
  aadObjectId: `aad-${personId}`,
  name: personId,
});

export interface TeamsHarness {
  t: TestApp;
  fc: FakeConnector;
  post(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  message(personId: string, text: string): Record<string, unknown>;
  submit(personId: string, replyToId: string, value: Record<string, unknown>): Record<string, unknown>;
  invoke(personId: string, replyToId: string, verb: string, data: unknown): Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startTeamsHarness(
  o: {
    channel?: ChannelFactory;
    /** More channels in the same app (Slack beside Teams). */
    extraChannels?: ChannelFactory[];
    env?: Record<string, string>;
    install?: boolean;
    /** `only`: the team's channels have the bot, but nobody has a personal chat with it. */
    channels?: boolean | 'only';
    logger?: Logger;
    /** The store the app runs on (default: the fixture's). */
    backend?: Backend;
  } = {},
): Promise<TeamsHarness> {
  const fc = await startFakeConnector();
  const t = await startTestApp({
    channels: [o.channel ?? createTeamsChannel, ...(o.extraChannels ?? [])],
    ...(o.env ? { env: o.env } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.backend ? { backend: o.backend } : {}),
  });
  const db = t.app.parts.store.db;
  for (const p of await db.selectFrom('people').select('id').execute()) {
    await db
      .updateTable('people')
      .set({ teams_id: `aad-${p.id}` })
      .where('id', '=', p.id)
      .execute();
  }

  const personal = (personId: string, extra: Record<string, unknown>) => ({
    channelId: 'msteams',
    serviceUrl: fc.url,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    from: teamsUser(personId),
    recipient: BOT,
    conversation: { id: personalChat(personId), conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'nl-NL',
    ...extra,
  });

  const h: TeamsHarness = {
    t,
    fc,
    async post(activity, headers = {}) {
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // plain text
      }
      return { status: res.status, body };
    },
    message: (personId, text) => personal(personId, { type: 'message', text, textFormat: 'plain' }),
    submit: (personId, replyToId, value) =>
      personal(personId, {
        type: 'message',
        replyToId,
        value,
        channelData: { tenant: { id: 'tenant-1' }, source: { name: 'message' } },
      }),
    invoke: (personId, replyToId, verb, data) =>
      personal(personId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    async stop() {
      await t.stop();
      await fc.close();
    },
  };

  if (o.install !== false || o.channels === 'only') {
    const people = o.channels === 'only' ? [] : await db.selectFrom('people').select('id').execute();
    for (const p of people) {
      const r = await h.post(personal(p.id, { type: 'installationUpdate', action: 'add' }));
      if (r.status !== 200) throw new Error(`install for ${p.id}: ${r.status}`);
    }
    for (const channel of o.channels === false ? [] : [STRATEGY_CHANNEL, ALLIANCE_CHANNEL]) {
      const r = await h.post({
        type: 'conversationUpdate',
        channelId: 'msteams',
        serviceUrl: fc.url,
        id: randomUUID(),
        from: teamsUser('u-gijs'),
        recipient: BOT,
        membersAdded: [BOT],
        conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: {
          tenant: { id: 'tenant-1' },
          team: { id: TEAM_ID, name: 'Koers' },
          channel: { id: channel },
          eventType: 'teamMemberAdded',
        },
      });
      if (r.status !== 200) throw new Error(`channel install ${channel}: ${r.status}`);
    }
  }
  return h;
}

/** Polls until `check` passes (the outbox works after the request that caused it). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON.
type Json = any;

/** The Adaptive Card of a recorded message, if it has one. */
export function cardOf(activity: Json): Json | null {
  return (
    activity?.attachments?.find((a: Json) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      ?.content ?? null
  );
}

/** Every action in a card (ActionSets and selectActions), as { type, verb, title, data }. */
export function actionsOf(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (n: Json) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && n.data) out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card?.body);
  return out;
}

export function actionWith(card: Json, match: (koers: Json) => boolean): Json {
  const found = actionsOf(card).find((a) => match(a.data?.koers));
  if (!found) throw new Error(`no such action in card: ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}

/** What a card or plain message says, for text assertions (Markdown escapes removed). */
export function textOf(activity: Json): string {
  const card = cardOf(activity);
  if (!card) return String(activity?.text ?? '');
  const out: string[] = [];
  const walk = (n: Json) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'TextBlock') out.push(n.text);
    if (n.type === 'FactSet') for (const f of n.facts) out.push(`${f.title}: ${f.value}`);
    Object.values(n).forEach(walk);
  };
  walk(card.body);
  return out.join('\n').replace(/\\(.)/g, '$1');
}
