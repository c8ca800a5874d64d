// What an outbox item says, to whom, on one platform: the views are built here once for every
// channel, which then only render and send them. The case is read as it is now, so a message
// sent late still tells the current state.
import { buildView, text } from '../conversation/build-view.js';
import {
  reminderView,
  requesterUpdateView,
  strategyChannelSummaryView,
  type View,
  viewContextOf,
} from '../conversation/index.js';
import type { Digest } from '../domain/digest/digest-model.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { roleName } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { loadDigestRun } from '../jobs/digest-runs.js';
import type { ReviewRequestPayload } from '../jobs/reviews.js';
import { RUNNING_DIGEST_KIND, type RunningDigestPayload } from '../jobs/running-digest.js';
import { digestView } from '../jobs/views/digest-view.js';
import { reviewPromptView } from '../jobs/views/review-request-view.js';
import type { OutboxItem } from '../outbox/delivery.js';
import { caseMessageRefsOf } from '../store/case-messages.js';
import type { PersonRow } from '../store/people-repo.js';
import { getPerson } from '../store/people-repo.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from '../workflow/case-record.js';
import { getCase } from '../workflow/read-cases.js';
import { caseSummaryOf } from './case-summary-of.js';
import { localeOf } from './chat-identity.js';
import { caseViewForReader, summaryForReader } from './reader-case-view.js';

export type Recipient =
  | { kind: 'person'; personId: string; platformUserId: string }
  | { kind: 'channel'; channel: 'strategy' | 'allianceTeam'; channelId: string };

/** A picture to post with a message (the digest's chart). */
export interface ComposedImage {
  png: Buffer;
  filename: string;
  /** Alternative text, in the message's language. */
  alt: string;
}

export type Composed =
  | {
      mode: 'post';
      recipient: Recipient;
      view: View;
      /** Remember the message to update it in place later. */
      trackForCase: boolean;
      image?: ComposedImage;
    }
  | { mode: 'update'; messages: Array<{ ref: string; personId: string | null; view: View }> }
  /** Nothing to send on this platform (a Slack-only person, no such channel here): normal, quiet. */
  | { mode: 'skip'; reason: string }
  /** The message cannot be built (its case or digest is gone, a kind nobody knows): a failure. */
  | { mode: 'unbuildable'; reason: string };

export interface ComposeDeps {
  db: Db;
  strategy: () => Strategy;
  clock: () => Date;
  /** Kinds other parts of Koers add (the digest, review requests). */
  extra?: (item: OutboxItem, platform: 'slack' | 'teams') => Promise<Composed | null>;
}

/** The outbox kinds that post a digest: the weekly one (by its run) and the week so far (the demo). */
export const DIGEST_KINDS: ReadonlySet<string> = new Set(['digest', RUNNING_DIGEST_KIND]);

export async function composeNotification(
  deps: ComposeDeps,
  item: OutboxItem,
  platform: 'slack' | 'teams',
): Promise<Composed> {
  const extra = await deps.extra?.(item, platform);
  if (extra) return extra;
  const strategy = deps.strategy();
  if (DIGEST_KINDS.has(item.kind) || item.kind === 'review_request')
    return composeJobPost(deps, strategy, item, platform);
  const c = item.caseId === null ? null : await getCase(deps.db, item.caseId);
  const target = item.target;

  if ('case' in target) {
    if (!c) return { mode: 'unbuildable', reason: 'case not found' };
    const refs = await caseMessageRefsOf(deps.db, c.id, platform);
    const messages = [];
    for (const m of refs)
      messages.push({
        ref: m.ref,
        personId: m.personId,
        view: await caseViewForPerson(deps, strategy, c, m.personId),
      });
    return messages.length === 0
      ? { mode: 'skip', reason: 'no messages to update' }
      : { mode: 'update', messages };
  }

  if ('channel' in target) {
    const channelId = strategy.file.channels[target.channel]?.[platform];
    if (!channelId) return { mode: 'skip', reason: `no ${target.channel} channel for ${platform}` };
    const recipient: Recipient = { kind: 'channel', channel: target.channel, channelId };
    const locale = strategy.locale;
    if (item.kind === 'strategy_summary') {
      if (!c) return { mode: 'unbuildable', reason: 'case not found' };
      const view = strategyChannelSummaryView(
        viewContextOf(strategy, locale, deps.clock()),
        await caseSummaryOf(deps.db, strategy, c, locale, [], { readerId: null }),
      );
      return view
        ? { mode: 'post', recipient, view, trackForCase: false }
        : { mode: 'skip', reason: 'not a final outcome' };
    }
    if (item.kind === 'alliance_alert')
      return {
        mode: 'post',
        recipient,
        view: allianceAlertView(strategy, c, item, locale),
        trackForCase: false,
      };
    return { mode: 'unbuildable', reason: `unknown channel kind ${item.kind}` };
  }

  if ('person' in target) {
    const person = await getPerson(deps.db, target.person);
    const platformUserId = platformIdOf(person, target.person, platform);
    if (!platformUserId) return { mode: 'skip', reason: `person ${target.person} has no ${platform} id` };
    if (!c) return { mode: 'unbuildable', reason: 'case not found' };
    const locale = localeOf(person ?? null, null, strategy);
    const vc = viewContextOf(strategy, locale, deps.clock(), person?.time_zone);
    const summary = await summaryForReader(deps.db, strategy, c, locale, target.person);
    const recipient: Recipient = { kind: 'person', personId: target.person, platformUserId };
    switch (item.kind) {
      case 'approval_request':
        // Sent when the case reached this person; by now it may have moved on: show it as it is.
        return {
          mode: 'post',
          recipient,
          view: await caseViewForReader(
            deps.db,
            strategy,
            deps.clock(),
            c,
            target.person,
            locale,
            summary,
            person?.time_zone,
          ),
          trackForCase: true,
        };
      case 'reminder':
        return c.state === 'open'
          ? { mode: 'post', recipient, view: reminderView(vc, summary), trackForCase: true }
          : { mode: 'skip', reason: 'case no longer open' };
      case 'requester_update':
        return { mode: 'post', recipient, view: requesterUpdateView(vc, summary), trackForCase: false };
      default:
        return { mode: 'unbuildable', reason: `unknown person kind ${item.kind}` };
    }
  }
  return { mode: 'unbuildable', reason: 'unknown target' };
}

function allianceAlertView(strategy: Strategy, c: CaseRecord | null, item: OutboxItem, locale: Locale): View {
  const reason = String(item.payload.reason ?? '');
  const detail = (item.payload.detail ?? {}) as { roles?: string[]; role?: string; why?: string };
  const roles = (detail.roles ?? (detail.role ? [detail.role] : []))
    .map((id) => strategy.roles.get(id))
    .filter((r) => r !== undefined)
    .map((r) => roleName(r, locale))
    .join(', ');
  const w = textsOf(locale).notification.alliance;
  const partner = c ? (c.confidential ? w.confidentialPartner : c.proposal.partner.name) : '';
  const ref = c ? `#${c.id}` : '';
  const words = Object.hasOwn(w.reasons, reason)
    ? w.reasons[reason as keyof typeof w.reasons](ref, partner, roles)
    : `${reason} ${ref}`;
  // Why a platform could not reach the decider, as the platform said it.
  const why =
    reason === 'unreachable' && typeof detail.why === 'string' && detail.why !== ''
      ? [text(w.why(detail.why.slice(0, 300)))]
      : [];
  return buildView('notice', [text(w.title, true), text(words), ...why]);
}

/** The scheduled posts: the weekly digest (with its chart) and a review request to an owner. */
async function composeJobPost(
  deps: ComposeDeps,
  strategy: Strategy,
  item: OutboxItem,
  platform: 'slack' | 'teams',
): Promise<Composed> {
  const target = item.target;
  if (DIGEST_KINDS.has(item.kind)) {
    if (!('channel' in target)) return { mode: 'unbuildable', reason: 'a digest goes to a channel' };
    const channelId = strategy.file.channels[target.channel]?.[platform];
    if (!channelId) return { mode: 'skip', reason: `no ${target.channel} channel for ${platform}` };
    const recipient: Recipient = { kind: 'channel', channel: target.channel, channelId };
    if (item.kind === RUNNING_DIGEST_KIND) {
      const p = item.payload as unknown as RunningDigestPayload;
      return digestPost(recipient, p.digest, p.chartPng ? Buffer.from(p.chartPng, 'base64') : null, strategy);
    }
    const run = await loadDigestRun(deps.db, String(item.payload.runKey ?? ''));
    // The run stores its digest before it enqueues the post, so a missing one is a dead reference.
    if (!run?.digest)
      return { mode: 'unbuildable', reason: `digest run ${String(item.payload.runKey)} not found` };
    return digestPost(recipient, run.digest, run.chartPng, strategy);
  }
  if (!('person' in target)) return { mode: 'unbuildable', reason: 'a review request goes to a person' };
  const person = await getPerson(deps.db, target.person);
  const platformUserId = platformIdOf(person, target.person, platform);
  if (!platformUserId) return { mode: 'skip', reason: `person ${target.person} has no ${platform} id` };
  const payload = item.payload as unknown as ReviewRequestPayload;
  return {
    mode: 'post',
    recipient: { kind: 'person', personId: target.person, platformUserId },
    view: reviewPromptView(payload, localeOf(person ?? null, null, strategy)),
    trackForCase: false,
  };
}

/** A digest with its chart, in the strategy's language. */
function digestPost(
  recipient: Recipient,
  digest: Digest,
  chartPng: Buffer | null,
  strategy: Strategy,
): Composed {
  const locale = strategy.locale;
  const label = digest.period.label;
  return {
    mode: 'post',
    recipient,
    view: digestView(digest, locale),
    trackForCase: false,
    ...(chartPng
      ? {
          image: {
            png: chartPng,
            filename: `koers-portfolio-${label}.png`,
            alt: textsOf(locale).notification.chartAlt(label),
          },
        }
      : {}),
  };
}

/** The platform's id of a person: from the directory, or the id itself for someone it does not know. */
function platformIdOf(
  person: PersonRow | undefined,
  personId: string,
  platform: 'slack' | 'teams',
): string | null {
  if (person) return platform === 'slack' ? person.slack_id : person.teams_id;
  return personId.startsWith(`${platform}:`) ? personId.slice(platform.length + 1) : null;
}

/** An updated card for the person it was sent to (in their language). */
async function caseViewForPerson(
  deps: ComposeDeps,
  strategy: Strategy,
  c: CaseRecord,
  personId: string | null,
): Promise<View> {
  const person = personId ? await getPerson(deps.db, personId) : undefined;
  const locale = localeOf(person ?? null, null, strategy);
  return caseViewForReader(
    deps.db,
    strategy,
    deps.clock(),
    c,
    personId,
    locale,
    undefined,
    person?.time_zone,
  );
}
