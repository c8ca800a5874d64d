// Who is talking: the person in the directory behind a Slack or Teams user, or someone the
// directory does not know (treated as the strategy's lowest role, named by their platform id).
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { readConversationState } from '../store/conversation-repo.js';
import type { PersonRow } from '../store/people-repo.js';
import { findPersonByPlatformId, getPerson } from '../store/people-repo.js';
import type { Db } from '../store/store-handle.js';

export type ChatPlatform = 'slack' | 'teams';

export interface ChatIdentity {
  platform: ChatPlatform;
  /** Slack user id (U…); Teams: the AAD object id when there is one, else the channel account id. */
  userId: string;
  displayName?: string;
  /** The platform's locale for this user (e.g. nl-NL), when it says. */
  platformLocale?: string | null;
  /** The user's IANA time zone as the platform reports it (Teams localTimezone, Slack tz). */
  timeZone?: string | null;
}

export interface ChatPerson {
  /** Directory id, or `slack:U…` / `teams:…` for someone it does not know. */
  id: string;
  name: string;
  role: string;
  known: boolean;
  locale: Locale;
  /** Where card times are shown: the person's own zone, else null (the strategy's). */
  timeZone: string | null;
  /**
   * A zone the platform reports that the directory does not hold yet: the caller stores it once
   * the turn has done its work (a write before it would count as the turn's first effect).
   */
  newTimeZone?: string;
  /** The person wrote on a platform other than the one they used last: stored after the turn. */
  newLastPlatform?: ChatIdentity['platform'];
  row: PersonRow | null;
}

/** In the local demo, `demo as NAME` lets one Playground user act as anyone in the directory. */
export function demoKey(identity: ChatIdentity): string {
  return `demo-as:${identity.platform}:${identity.userId}`;
}

export function platformPersonId(identity: ChatIdentity): string {
  return `${identity.platform}:${identity.userId}`;
}

export function localeOf(
  row: PersonRow | null,
  platformLocale: string | null | undefined,
  strategy: Strategy,
): Locale {
  if (row?.language === 'nl' || row?.language === 'en') return row.language;
  const p = platformLocale?.slice(0, 2).toLowerCase();
  if (p === 'nl' || p === 'en') return p;
  return strategy.locale;
}

export async function resolvePerson(
  db: Db,
  strategy: Strategy,
  identity: ChatIdentity,
  demo: boolean,
): Promise<ChatPerson> {
  let row: PersonRow | undefined;
  if (demo) {
    const key = demoKey(identity);
    const as = await readConversationState(db, key);
    if (as !== null) row = await getPerson(db, JSON.parse(as) as string);
  }
  row ??= await findPersonByPlatformId(db, identity.platform, identity.userId);
  // The demo's one Playground user starts as the first employee of the example (Anna), as the
  // README's walk-through says, until `demo als NAME` makes them someone else.
  if (!row && demo) row = await defaultDemoPerson(db, strategy);
  const reported = validTimeZone(identity.timeZone);
  if (row) {
    // Kept from the last activity, so cards sent later (approvals, reminders) show local times.
    const changed = reported !== null && row.time_zone !== reported;
    // In the demo one Playground user plays everyone: where "they" wrote says nothing.
    const moved = !demo && row.last_platform !== identity.platform;
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      known: true,
      locale: localeOf(row, identity.platformLocale, strategy),
      timeZone: reported ?? row.time_zone,
      ...(changed && reported ? { newTimeZone: reported } : {}),
      ...(moved ? { newLastPlatform: identity.platform } : {}),
      row,
    };
  }
  return {
    id: platformPersonId(identity),
    name: identity.displayName?.trim() || identity.userId,
    role: strategy.roleList[0]?.id ?? '',
    known: false,
    locale: localeOf(null, identity.platformLocale, strategy),
    timeZone: reported,
    row: null,
  };
}

/**
 * Zones already asked about: building an Intl.DateTimeFormat to test one costs ~50–100 µs of CPU
 * on this machine, and every turn asks about the person's zone.
 */
const knownZones = new Map<string, boolean>();
const MAX_KNOWN_ZONES = 1_000;

/** An IANA time zone the runtime knows, or null (a platform's value is never trusted as is). */
export function validTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size >= MAX_KNOWN_ZONES) knownZones.clear();
    knownZones.set(zone, valid);
  }
  return valid ? zone : null;
}

async function defaultDemoPerson(db: Db, strategy: Strategy): Promise<PersonRow | undefined> {
  const lowest = strategy.roleList[0]?.id;
  const first = strategy.people.find((p) => p.role === lowest) ?? strategy.people[0];
  return first ? getPerson(db, first.id) : undefined;
}
