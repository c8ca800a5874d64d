// The outbox's Teams side: renders what an outbox item says and sends it through a stored
// conversation reference (proactively), or updates the cards already posted about a case.
// Failures are classified (teams-errors.ts); the dispatcher does the retries.

import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { ChannelDeps } from '../../application/channel-port.js';
import { type Composed, DIGEST_KINDS } from '../../application/compose-notification.js';
import { seenByView, type View } from '../../conversation/index.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import type { ChannelSender, DeliveryResult, OutboxItem } from '../../outbox/delivery.js';
import type { CaseCards } from './case-cards.js';
import {
  channelRefKey,
  personRefKey,
  type RefStore,
  type StoredRef,
  withConversation,
} from './conversation-refs.js';
import { DEMO_TEAMS_PREFIX, playgroundChannelReference } from './demo-playground.js';
import { reachPerson, type TeamsReach } from './reach-person.js';
import { bytesOf, cardAttachment } from './render-adaptive-card.js';
import { digestDataFromView, renderDigestCard } from './render-digest-card.js';
import { connectorFailure, deliveryResultOf, updateImpossible } from './teams-errors.js';
import { TEAMS_LIMITS } from './teams-limits.js';

export interface TeamsSenderOptions {
  deps: ChannelDeps;
  adapter: CloudAdapter;
  refs: RefStore;
  cards: CaseCards;
  appId: string;
  /** Installing Koers for people who never opened a chat with it (Graph); null: not configured. */
  reach?: TeamsReach | null;
}

type Post = Extract<Composed, { mode: 'post' }>;
type Update = Extract<Composed, { mode: 'update' }>;
/** `shared`: the demo's one Playground chat, which every demo person's messages go to. */
type Target = { ref: StoredRef; heading: string | null; shared?: boolean } | { result: DeliveryResult };

interface MessageRef {
  conversationRefKey: string;
  activityId: string;
}

function readMessageRef(json: string): MessageRef | null {
  try {
    const r = JSON.parse(json) as Partial<MessageRef>;
    return typeof r.conversationRefKey === 'string' && typeof r.activityId === 'string'
      ? { conversationRefKey: r.conversationRefKey, activityId: r.activityId }
      : null;
  } catch {
    return null;
  }
}

/**
 * The digest as its card, with the chart inside when the card still fits a Teams message, else
 * the card and the chart as an image message of its own. The Agents Playground shows no image
 * attachments ("image/png is not supported yet"), so in the demo such a chart is left out.
 */
export function digestMessages(
  c: Post,
  o: { imageMessage: boolean } = { imageMessage: true },
): [Partial<Activity>, Partial<Activity>?] {
  const dataUri = c.image ? `data:image/png;base64,${c.image.png.toString('base64')}` : null;
  const data = digestDataFromView(c.view, dataUri);
  const withChart = renderDigestCard({ ...data, ...(c.image ? { imageAlt: c.image.alt } : {}) });
  if (!dataUri || bytesOf(withChart) <= TEAMS_LIMITS.maxCardBytes)
    return [{ type: 'message', attachments: [cardAttachment(withChart)] }];
  const card = renderDigestCard({ ...data, imageUrl: null });
  if (!o.imageMessage) return [{ type: 'message', attachments: [cardAttachment(card)] }];
  const chart: Partial<Activity> = {
    type: 'message',
    attachments: [{ contentType: 'image/png', contentUrl: dataUri, name: c.image?.filename ?? 'chart.png' }],
  };
  return [{ type: 'message', attachments: [cardAttachment(card)] }, chart];
}

/** Teams takes at most 7 messages a second in one conversation (beyond that it answers 429). */
export const CONVERSATION_SENDS_PER_SECOND = 7;
/** The second is counted a little longer here: the network may bring two sends closer together. */
const PACE_WINDOW_MS = 1200;

export function createTeamsSender(o: TeamsSenderOptions): ChannelSender {
  const { deps, refs, cards } = o;
  const demo = deps.config.demo;
  // When this process last sent or updated in each conversation, within the last second.
  const recentSends = new Map<string, number[]>();
  /** Milliseconds until `conversation` takes `count` more messages (0: now). */
  function waitForSlots(conversation: string, count = 1): number {
    const t = Date.now();
    const recent = (recentSends.get(conversation) ?? []).filter((at) => at > t - PACE_WINDOW_MS);
    if (recent.length === 0) recentSends.delete(conversation);
    else recentSends.set(conversation, recent);
    const over = recent.length + count - CONVERSATION_SENDS_PER_SECOND;
    return over <= 0 ? 0 : (recent[over - 1] ?? t) + PACE_WINDOW_MS - t + 1;
  }
  function noteSend(conversation: string): void {
    recentSends.set(conversation, [...(recentSends.get(conversation) ?? []), Date.now()]);
  }
  /** For the sends of an update, which cannot be put off half-way: waits for a slot. */
  async function slot(conversation: string): Promise<void> {
    for (let wait = waitForSlots(conversation); wait > 0; wait = waitForSlots(conversation))
      await new Promise((r) => setTimeout(r, wait));
    noteSend(conversation);
  }
  /** Why a person was unreachable, from deliver to onUnreachable. */
  const why = new Map<number, string>();

  /**
   * Runs one proactive turn. botbuilder hands errors inside the turn to onTurnError, which would
   * swallow them: they are caught here and thrown after the turn, for the outbox to classify.
   */
  async function inConversation<T>(
    reference: Partial<ConversationReference>,
    work: (send: {
      send(a: Partial<Activity>): Promise<string | null>;
      update(a: Partial<Activity>): Promise<void>;
    }) => Promise<T>,
  ): Promise<T> {
    let failure: unknown = null;
    let out: T | undefined;
    await o.adapter.continueConversationAsync(o.appId, reference, async (ctx) => {
      try {
        out = await work({
          send: async (a) => (await ctx.sendActivity(a))?.id ?? null,
          update: async (a) => {
            await ctx.updateActivity(a);
          },
        });
      } catch (err) {
        failure = err ?? new Error('teams turn failed');
      }
    });
    if (failure) throw failure;
    return out as T;
  }

  /**
   * In the demo, the Playground's one user plays everyone: a card for someone they are not now
   * (`demo als NAME`) says whose it is, without that person's buttons.
   */
  async function asSeenInDemo(
    view: View,
    personId: string,
    shared: StoredRef,
    locale: Locale,
  ): Promise<View> {
    const user = shared.reference.user as { id?: string; aadObjectId?: string } | undefined;
    const userId = user?.aadObjectId || user?.id;
    if (!userId) return view;
    const now = await deps.people.actingPersonOf({ platform: 'teams', userId });
    if (now === personId) return view;
    return seenByView(view, (await deps.people.nameOf(personId)) ?? personId, locale);
  }

  async function personTarget(platformUserId: string, personId: string): Promise<Target> {
    const own = platformUserId.startsWith(DEMO_TEAMS_PREFIX)
      ? null
      : await refs.get(personRefKey(platformUserId));
    if (own) return { ref: own, heading: null };
    if (o.reach) {
      const reached = await reachPerson(
        {
          reach: o.reach,
          adapter: o.adapter,
          appId: o.appId,
          known: (await refs.latest('teams:')) ?? (await refs.latest('teams-channel:')),
        },
        platformUserId,
      );
      if (!reached.ok)
        return { result: { status: 'failed', error: `teams: ${reached.reason}`, unreachable: true } };
      const key = personRefKey(platformUserId);
      await refs.put(key, reached.reference, personId);
      deps.logger.info(
        { channel: 'teams', personId },
        'teams: Koers installed for a person and a chat opened',
      );
      return { ref: { key, reference: reached.reference }, heading: null };
    }
    if (demo) {
      const playground = await refs.latest('teams:');
      return playground
        ? { ref: playground, heading: null, shared: true }
        : { result: { status: 'retry', error: 'demo: no Playground conversation yet' } };
    }
    return {
      result: {
        status: 'failed',
        error: 'teams: no conversation with this person (Koers is not installed for them)',
        unreachable: true,
      },
    };
  }

  async function channelTarget(channelId: string): Promise<Target> {
    const known = await refs.channelReference(channelId);
    if (known) return { ref: known, heading: null };
    if (demo) {
      // The demo's Playground runs on a known port: its channels are there before anyone opened it.
      const personal = await refs.latest('teams:');
      const reference = personal
        ? withConversation(personal.reference, channelId)
        : playgroundChannelReference(deps.config.playgroundPort, channelId);
      return { ref: { key: channelRefKey(channelId), reference }, heading: null };
    }
    return {
      result: {
        status: 'retry',
        error: `teams: no conversation reference for channel ${channelId} (install Koers in the team)`,
      },
    };
  }

  async function post(item: OutboxItem, c: Post): Promise<DeliveryResult> {
    const r = c.recipient;
    const target =
      r.kind === 'person'
        ? await personTarget(r.platformUserId, r.personId)
        : await channelTarget(r.channelId);
    if ('result' in target) {
      if (target.result.status === 'failed' && target.result.unreachable)
        why.set(item.id, target.result.error);
      return target.result;
    }
    const locale = r.kind === 'person' ? await cards.localeFor(r.personId) : deps.strategy().locale;
    const caseId = c.trackForCase && item.caseId !== null ? String(item.caseId) : null;
    const view =
      target.shared && r.kind === 'person'
        ? await asSeenInDemo(c.view, r.personId, target.ref, locale)
        : c.view;
    const [activity, chart] = DIGEST_KINDS.has(item.kind)
      ? digestMessages(c, { imageMessage: !demo })
      : [await cards.message(view, { caseId, locale })];
    const wait = waitForSlots(target.ref.key, chart ? 2 : 1);
    if (wait > 0) {
      // Not an attempt: nothing was sent, so the outbox neither counts it nor backs off.
      return {
        status: 'retry',
        error: 'paced: this conversation takes its next message later',
        retryAfterMs: wait,
        deferred: true,
      };
    }
    noteSend(target.ref.key);
    if (chart) noteSend(target.ref.key);
    let activityId: string | null;
    let key = target.ref.key;
    try {
      activityId = await inConversation(target.ref.reference, (t) => t.send(activity));
    } catch (err) {
      const f = connectorFailure(err);
      if (demo && r.kind === 'channel' && f.status === 404) {
        // The Playground has no such channel: show the post in the personal chat, under its name.
        const personal = await refs.latest('teams:');
        if (!personal) return { status: 'retry', error: 'demo: no Playground conversation yet' };
        const words = textsOf(locale).channel.teams;
        const headed = await cards.message(c.view, {
          caseId,
          locale,
          notice: { text: `${words.channelHeading[r.channel]} · ${words.demoChannelNote}`, tone: 'accent' },
        });
        key = personal.key;
        await slot(key);
        try {
          activityId = await inConversation(personal.reference, (t) => t.send(headed));
        } catch (again) {
          return deliveryResultOf(connectorFailure(again), 'channel');
        }
      } else {
        const result = deliveryResultOf(f, r.kind === 'person' ? 'person' : 'channel');
        if (result.status === 'failed' && result.unreachable) {
          why.set(item.id, result.error);
          await refs.markUnreachable(target.ref.key);
        }
        return result;
      }
    }
    if (chart) {
      try {
        await inConversation(target.ref.reference, (t) => t.send(chart));
      } catch (err) {
        // The words went out; the chart is a nicety that Teams may find too large.
        const f = connectorFailure(err);
        deps.logger.warn(
          { channel: 'teams', outboxId: item.id, status: f.status, code: f.code },
          'teams digest chart not posted',
        );
      }
    }
    const ref = activityId
      ? JSON.stringify({ conversationRefKey: key, activityId } satisfies MessageRef)
      : null;
    if (ref && c.trackForCase && item.caseId !== null) {
      await deps.caseMessages.track({
        caseId: item.caseId,
        platform: 'teams',
        personId: r.kind === 'person' ? r.personId : null,
        ref,
        at: deps.clock().toISOString(),
      });
    }
    return { status: 'sent', ref };
  }

  /** Every card posted about the case, updated in place; where that is impossible, posted anew. */
  async function update(item: OutboxItem, c: Update): Promise<DeliveryResult> {
    const caseId = item.caseId === null ? null : String(item.caseId);
    for (const m of c.messages) {
      const at = readMessageRef(m.ref);
      const stored = at ? await refs.get(at.conversationRefKey) : null;
      if (!at || !stored) continue;
      const locale = await cards.localeFor(m.personId);
      const view = demo && m.personId ? await asSeenInDemo(m.view, m.personId, stored, locale) : m.view;
      const activity = await cards.message(view, { caseId, locale });
      const replace = async () => {
        await slot(at.conversationRefKey);
        await inConversation(stored.reference, (t) => t.update({ ...activity, id: at.activityId }));
      };
      try {
        await replace();
        continue;
      } catch (err) {
        let f = connectorFailure(err);
        if (f.status === 412) {
          // The card changed under us (ETag): once more, then a new message.
          try {
            await replace();
            continue;
          } catch (again) {
            f = connectorFailure(again);
          }
        }
        if (!updateImpossible(f) && f.status !== 412) return deliveryResultOf(f, 'channel');
      }
      try {
        await slot(at.conversationRefKey);
        const id = await inConversation(stored.reference, (t) => t.send(activity));
        if (id) {
          const ref = JSON.stringify({
            conversationRefKey: at.conversationRefKey,
            activityId: id,
          } satisfies MessageRef);
          await deps.caseMessages.replace('teams', m.ref, ref);
        }
      } catch (err) {
        return deliveryResultOf(connectorFailure(err), 'channel');
      }
    }
    return { status: 'sent' };
  }

  return {
    platform: 'teams',
    async deliver(item) {
      const composed = await deps.compose(item, 'teams');
      if (composed.mode === 'skip') {
        deps.logger.debug(
          { channel: 'teams', outboxId: item.id, kind: item.kind, reason: composed.reason },
          'teams outbox item skipped',
        );
        return { status: 'sent', ref: null };
      }
      if (composed.mode === 'unbuildable') return { status: 'skipped', reason: composed.reason };
      return composed.mode === 'post' ? post(item, composed) : update(item, composed);
    },
    async onUnreachable(item) {
      const reason = why.get(item.id) ?? 'teams: unreachable';
      why.delete(item.id);
      if (!('person' in item.target)) return;
      const moved = await deps.people.markUnreachable(item.target.person, 'teams', reason);
      deps.logger.warn(
        { channel: 'teams', personId: item.target.person, moved, reason },
        'teams person unreachable: open cases reassigned',
      );
      deps.kickOutbox();
    },
  };
}
