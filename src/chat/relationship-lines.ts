// The register's answer to "who works with X", as lines the views show.
import type { Kysely } from 'kysely';
import type { RelationshipLine } from '../conversation/index.js';
import { localize, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { whoWorksWith } from '../register/who-works-with.js';
import type { Database } from '../store/schema.js';

export async function relationshipLines(
  db: Kysely<Database>,
  strategy: Strategy,
  partner: string,
  locale: Locale,
  options: { near?: boolean } = {},
): Promise<RelationshipLine[]> {
  const found = await whoWorksWith(db, partner);
  const line = (r: (typeof found.exact)[number], near: boolean): RelationshipLine => ({
    ownerName: r.ownerName ?? r.ownerId,
    unit: r.unit,
    intensityName: localize(strategy.intensities.get(r.intensity)?.name, locale) || r.intensity,
    status: r.status,
    partnerName: r.partner,
    priorityName:
      r.priority === null ? null : localize(strategy.priorities.get(r.priority)?.name, locale) || r.priority,
    ...(near ? { near: true } : {}),
  });
  const exact = found.exact.map((r) => line(r, false));
  return options.near === false ? exact : [...exact, ...found.near.map((r) => line(r, true))];
}
