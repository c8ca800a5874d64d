// What the guided check needs from its caller: the strategy, the person, the register lookup and
// the time. The dialog itself does no I/O.
import type { CompiledRole, Strategy } from '../domain/strategy/compile-strategy.js';
import { roleName } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { RelationshipLine } from './relationship-line.js';

export interface CheckPerson {
  /** The people-directory id, or the platform id of someone the directory does not know. */
  id: string;
  name: string;
  /** Role id in the strategy (ignored when `known` is false). */
  role: string;
  /** Whether the people directory knows this person. */
  known: boolean;
}

export interface CheckContext {
  strategy: Strategy;
  /** The person's language. */
  locale: Locale;
  person: CheckPerson;
  /** Relationships in the register with this partner (partner key and near matches). */
  existingWith(partnerName: string): ReadonlyArray<RelationshipLine>;
  /**
   * Whether the register knows a partner by this name (its partner key), for the names a turn
   * may ask about (see partner-lookup.ts); false for any other. Absent: nothing is known.
   */
  knownPartner?(partnerName: string): boolean;
  now: Date;
}

export interface RequesterRole {
  role: CompiledRole;
  /** Why the role is assumed rather than the person's own; null when it is their own. */
  assumed: 'unknown_person' | 'unknown_role' | null;
}

/** The person's role; someone the directory does not know counts as the strategy's lowest role. */
export function requesterRole(ctx: Pick<CheckContext, 'strategy' | 'person'>): RequesterRole {
  const lowest = ctx.strategy.roleList[0] as CompiledRole;
  if (!ctx.person.known) return { role: lowest, assumed: 'unknown_person' };
  const own = ctx.strategy.roles.get(ctx.person.role);
  return own ? { role: own, assumed: null } : { role: lowest, assumed: 'unknown_role' };
}

/** The sentence telling a person their role is assumed, or null. */
export function assumedRoleNote(ctx: Pick<CheckContext, 'strategy' | 'person' | 'locale'>): string | null {
  const r = requesterRole(ctx);
  const t = textsOf(ctx.locale).conversation;
  const name = roleName(r.role, ctx.locale);
  if (r.assumed === 'unknown_person') return t.unknownPerson(name);
  if (r.assumed === 'unknown_role') return t.unknownRole(ctx.person.role, name);
  return null;
}
