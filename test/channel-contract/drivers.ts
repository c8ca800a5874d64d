// The two chat platforms behind one small driver, so the same conversation scenarios run against
// both: Slack over signed HTTP against the fake Slack Web API, Teams as Bot Framework activities
// posted to /api/messages against the fake Bot Connector. Each driver turns what its fake recorded
// into neutral outbound messages (who it went to, the view kind where the payload carries it, the
// words a person reads), so a scenario states one set of expectations for both.

import type { Kysely } from 'kysely';
import { VIEW_KINDS, type ViewKind } from '../../src/conversation/view.js';
import type { Backend } from '../../src/store/backend.js';
import type { Database } from '../../src/store/schema.js';
import { buttonsOf, textOf as slackTextOf } from '../integration/slack/slack-helpers.js';
import { type SlackTestApp, startSlackApp } from '../integration/slack/slack-test-app.js';
import {
  actionsOf,
  cardOf,
  personalChat,
  STRATEGY_CHANNEL,
  startTeamsHarness,
  textOf as teamsTextOf,
} from '../integration/teams/teams-harness.js';
import { dmOf, type FakeCall, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { blockActions, dmMessage, input, viewSubmission } from '../support/slack-sender.js';

export type Decision = 'approve' | 'reject';

/** Where a message went: a directory person (u-anna) or the strategy channel. */
export type Audience = string;

export interface Outbound {
  to: Audience;
  /** posted anew, updated in place, or the answer to the click itself (Teams' invoke response). */
  how: 'post' | 'update' | 'click_answer' | 'ephemeral';
  /** The view's kind when the platform payload carries enough to tell it; null when it does not. */
  kind: ViewKind | null;
  /** The words a person reads. */
  text: string;
  /** The decisions its buttons offer (decide actions only). */
  decisions: string[];
}

export interface Driver {
  platform: 'slack' | 'teams';
  db: Kysely<Database>;
  /** The view kinds this platform's payloads let a test recover (others come back as null). */
  recoverable: ReadonlySet<ViewKind>;
  /** The first message of a check, typed by `person`; returns what they were answered. */
  startCheck(person: string, text: string): Promise<string>;
  /** The person's next typed answer in the guided check. */
  answer(person: string, text: string): Promise<string>;
  /**
   * `person` clicks `decision` on a decision request they received: the latest one (default), or
   * the first one ever delivered to them (a card that may be outdated by now). A rejection's
   * reason is given where the platform asks for it. Returns what the clicker was shown.
   */
  click(
    person: string,
    decision: Decision,
    o?: { card?: 'latest' | 'first'; reason?: string },
  ): Promise<string>;
  /** Any other typed question (who works with …). */
  ask(person: string, text: string): Promise<string>;
  /** Everything sent so far, oldest first. */
  outbound(): Outbound[];
  /** Waits until `predicate` holds for some outbound message (outbox work runs after a request). */
  waitFor(predicate: (o: Outbound) => boolean, timeoutMs?: number): Promise<Outbound>;
  stop(): Promise<void>;
}

async function until<T>(find: () => T | undefined, what: () => string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until `count()` has not changed for `quietMs` (a turn's replies have all been sent). */
async function settle(count: () => number, quietMs = 250): Promise<void> {
  let last = count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 25));
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

function describeAll(out: Outbound[]): string {
  return out.map((o) => `${o.how}→${o.to} [${o.kind ?? '?'}] ${o.text.slice(0, 80)}`).join('\n');
}

// ---- Slack -------------------------------------------------------------------------------------

const SLACK_STRATEGY = 'C0STRATEGY';
const slackUser = (person: string) => `U_${person}`;

/** The view a Slack message names in its first block's id (`koers_view:KIND[:CASE]`); null when none. */
function slackKind(c: FakeCall): ViewKind | null {
  const blocks = c.args.blocks as Array<{ block_id?: string }> | undefined;
  const m = /^koers_view:([a-z_]+)/.exec(blocks?.[0]?.block_id ?? '');
  return m && (VIEW_KINDS as readonly string[]).includes(m[1] as string) ? (m[1] as ViewKind) : null;
}

export async function slackDriver(backend: Backend): Promise<Driver> {
  const fake: FakeSlack = await startFakeSlack();
  const t: SlackTestApp = await startSlackApp({ fake, backend });
  const audienceOf = (channel: string): Audience =>
    channel === SLACK_STRATEGY ? 'strategy' : channel.replace(/^DU_/, '');
  /** Posts, updates and ephemeral messages Slack took, in the order they came. */
  const outbound = (): Outbound[] =>
    fake.calls
      .filter((c) => c.outcome === 'ok')
      .flatMap((c): Outbound[] => {
        const how =
          c.method === 'chat.postMessage'
            ? 'post'
            : c.method === 'chat.update'
              ? 'update'
              : c.method === 'chat.postEphemeral'
                ? 'ephemeral'
                : null;
        if (!how) return [];
        const channel = String(c.args.channel ?? '');
        const to = how === 'ephemeral' ? String(c.args.user ?? '').replace(/^U_/, '') : audienceOf(channel);
        return [
          {
            to,
            how,
            kind: slackKind(c),
            text: `${String(c.args.text ?? '')}\n${slackTextOf(c)}`,
            decisions: buttonsOf(c).flatMap((b) => (b.action.type === 'decide' ? [b.action.decision] : [])),
          },
        ];
      });
  const mark = () => fake.calls.length;
  /** What `person` was shown since call `n`: their DM's new and updated messages, and ephemerals. */
  const since = (n: number, person: string) =>
    fake.calls
      .slice(n)
      .filter(
        (c) =>
          c.outcome === 'ok' &&
          (((c.method === 'chat.postMessage' || c.method === 'chat.update') &&
            c.args.channel === dmOf(slackUser(person))) ||
            c.method === 'chat.postEphemeral' ||
            c.method === 'response_url'),
      )
      .map((c) => `${String(c.args.text ?? '')}\n${slackTextOf(c)}`)
      .join('\n---\n');

  async function say(person: string, text: string): Promise<string> {
    const n = mark();
    const r = await t.slack.event(dmMessage(slackUser(person), text));
    if (r.status !== 200) throw new Error(`slack event: ${r.status}`);
    await until(
      () =>
        fake.calls
          .slice(n)
          .find((c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(slackUser(person))),
      () => `a reply to ${person}`,
    );
    await settle(mark);
    return since(n, person);
  }

  async function answered(n: number, channel: string): Promise<void> {
    await until(
      () =>
        fake.calls
          .slice(n)
          .find(
            (c) =>
              c.method === 'views.open' ||
              ((c.method === 'chat.postMessage' || c.method === 'chat.update') && c.args.channel === channel),
          ),
      () => `an answer in ${channel}`,
    );
    await settle(mark, 400);
  }

  /** Decision requests in the person's DM, as posted (each with its ts, to click on). */
  function requests(person: string): Array<{ call: FakeCall; ts: string }> {
    const channel = dmOf(slackUser(person));
    const stored = fake.messages(channel);
    return fake
      .callsOf('chat.postMessage')
      .filter((c) => c.args.channel === channel && c.outcome === 'ok')
      .map((call, i) => ({ call, ts: stored[i]?.ts ?? '' }))
      .filter((r) => buttonsOf(r.call).some((b) => b.action.type === 'decide'));
  }

  return {
    platform: 'slack',
    db: t.app.parts.store.db,
    recoverable: new Set<ViewKind>(VIEW_KINDS),
    startCheck: say,
    answer: say,
    ask: say,
    async click(person, decision, o = {}) {
      const all = await until(
        () => {
          const r = requests(person);
          return r.length > 0 ? r : undefined;
        },
        () => `a decision request for ${person}; sent:\n${describeAll(outbound())}`,
      );
      const request = o.card === 'first' ? all[0] : all.at(-1);
      if (!request) throw new Error('no request');
      const button = buttonsOf(request.call).find(
        (b) => b.action.type === 'decide' && b.action.decision === decision,
      );
      if (!button) throw new Error(`no ${decision} button for ${person}`);
      const channel = dmOf(slackUser(person));
      const modalsBefore = fake.callsOf('views.open').length;
      const n = mark();
      const r = await t.slack.interaction(
        blockActions(
          slackUser(person),
          { action_id: button.action_id, ...(button.value ? { value: button.value } : {}) },
          { channel, messageTs: request.ts },
          fake.responseUrl(),
        ),
      );
      if (r.status !== 200) throw new Error(`slack click: ${r.status}`);
      // Bolt acknowledges a click before it runs it: wait for the turn's first answer (a message
      // in the clicker's DM, updated or new, or a modal), then for the rest of it.
      await answered(n, channel);
      const modal = fake.callsOf('views.open')[modalsBefore];
      if (modal && o.reason !== undefined) {
        // The reason is asked in a modal; its submit makes the decision.
        const view = modal.args.view as { private_metadata: string; callback_id: string };
        const done = await t.slack.interaction(
          viewSubmission(slackUser(person), view, { reason: input.text(o.reason) }),
        );
        if (done.status !== 200) throw new Error(`slack modal submit: ${done.status}`);
        await answered(mark(), channel);
      }
      return since(n, person);
    },
    outbound,
    waitFor: (predicate, timeoutMs) =>
      until(
        () => outbound().find(predicate),
        () => `slack: no such message; sent:\n${describeAll(outbound())}`,
        timeoutMs,
      ),
    async stop() {
      await t.drop();
      await fake.close();
    },
  };
}

// ---- Teams -------------------------------------------------------------------------------------

// biome-ignore lint/suspicious/noExplicitAny: activities and cards are JSON.
type Json = any;

/**
 * The view a Teams card names in its first element's id (`koers-view-KIND[-CASE]`); null for a
 * plain message or a card without one.
 */
function teamsKind(activity: Json): ViewKind | null {
  const card = cardOf(activity);
  const m = /^koers-view-([a-z_]+)/.exec(String(card?.body?.[0]?.id ?? ''));
  return m && (VIEW_KINDS as readonly string[]).includes(m[1] as string) ? (m[1] as ViewKind) : null;
}

function teamsDecisions(activity: Json): string[] {
  const card = cardOf(activity);
  if (!card) return [];
  return actionsOf(card).flatMap((a: Json) =>
    a.data?.koers?.type === 'decide' ? [String(a.data.koers.decision)] : [],
  );
}

export async function teamsDriver(backend: Backend): Promise<Driver> {
  const h = await startTeamsHarness({ backend });
  const clickAnswers: Array<{ at: number; person: string; activity: Json }> = [];
  const audienceOf = (conversationId: string): Audience =>
    conversationId === STRATEGY_CHANNEL ? 'strategy' : conversationId.replace(/^a:personal-/, '');
  const all = (): Array<{ at: number; o: Outbound }> => [
    ...h.fc.calls
      .filter((c) => c.status >= 200 && c.status < 300 && c.conversationId !== '')
      .map((c) => ({
        at: c.at,
        o: {
          to: audienceOf(c.conversationId),
          how: c.method === 'PUT' ? ('update' as const) : ('post' as const),
          kind: teamsKind(c.activity),
          text: teamsTextOf(c.activity),
          decisions: teamsDecisions(c.activity),
        },
      })),
    ...clickAnswers.map((a) => ({
      at: a.at,
      o: {
        to: a.person,
        how: 'click_answer' as const,
        kind: teamsKind(a.activity),
        text: teamsTextOf(a.activity),
        decisions: teamsDecisions(a.activity),
      },
    })),
  ];
  const outbound = () =>
    all()
      .sort((a, b) => a.at - b.at)
      .map((x) => x.o);
  const mark = () => h.fc.calls.length;
  const newFor = (n: number, person: string) =>
    h.fc.calls
      .slice(n)
      .filter((c) => c.conversationId === personalChat(person))
      .map((c) => teamsTextOf(c.activity))
      .join('\n---\n');

  async function say(person: string, text: string): Promise<string> {
    const n = mark();
    const r = await h.post(h.message(person, text));
    if (r.status !== 200) throw new Error(`teams message: ${r.status}`);
    await settle(mark);
    return newFor(n, person);
  }

  function requests(person: string): Json[] {
    return h.fc
      .to(personalChat(person))
      .filter((c) => c.method === 'POST' && c.status === 201 && teamsDecisions(c.activity).length > 0);
  }

  async function invoke(person: string, replyToId: string, verb: string, data: Json): Promise<Json> {
    const r = await h.post(h.invoke(person, replyToId, verb, data));
    if (r.status !== 200) throw new Error(`teams invoke: ${r.status}`);
    const body = r.body as { type?: string; value?: unknown };
    const activity =
      body?.type === 'application/vnd.microsoft.card.adaptive'
        ? { attachments: [{ contentType: body.type, content: body.value }] }
        : { text: typeof body?.value === 'string' ? body.value : '' };
    clickAnswers.push({ at: Date.now(), person, activity });
    return activity;
  }

  return {
    platform: 'teams',
    db: h.t.app.parts.store.db,
    recoverable: new Set<ViewKind>(VIEW_KINDS),
    startCheck: say,
    answer: say,
    ask: say,
    async click(person, decision, o = {}) {
      const list = await until(
        () => {
          const r = requests(person);
          return r.length > 0 ? r : undefined;
        },
        () => `a decision request for ${person}; sent:\n${describeAll(outbound())}`,
      );
      const request = o.card === 'first' ? list[0] : list.at(-1);
      const card = cardOf(request.activity);
      const action = actionsOf(card).find(
        (a: Json) => a.data?.koers?.type === 'decide' && a.data.koers.decision === decision,
      );
      if (!action) throw new Error(`no ${decision} action for ${person}`);
      const n = mark();
      const shown: string[] = [];
      let answer = await invoke(person, request.id, action.verb, action.data);
      shown.push(teamsTextOf(answer));
      const form = cardOf(answer);
      if (o.reason !== undefined && form) {
        // The reason is asked on the card itself; sending it makes the decision.
        const send = actionsOf(form).find(
          (a: Json) => a.data?.koers?.type === 'decide' && a.data.koers.decision === decision,
        );
        if (send) {
          answer = await invoke(person, request.id, send.verb, { ...send.data, reason: o.reason });
          shown.push(teamsTextOf(answer));
        }
      }
      await settle(mark, 400);
      const extra = newFor(n, person);
      return [...shown, ...(extra ? [extra] : [])].join('\n---\n');
    },
    outbound,
    waitFor: (predicate, timeoutMs) =>
      until(
        () => outbound().find(predicate),
        () => `teams: no such message; sent:\n${describeAll(outbound())}`,
        timeoutMs,
      ),
    stop: () => h.stop(),
  };
}

export const DRIVERS: Record<'slack' | 'teams', (backend: Backend) => Promise<Driver>> = {
  slack: slackDriver,
  teams: teamsDriver,
};
