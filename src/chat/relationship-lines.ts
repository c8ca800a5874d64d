// The register's answer to "who works with X", as lines the views show.
import type { Kysely } from 'kysely';
import type { RelationshipLine } from '../conversation/index.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
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

/** Which of these names the register knows, as partner keys. */
export async function knownPartnerKeys(
  db: Kysely<Database>,
  names: ReadonlyArray<string>,
): Promise<Set<string>> {
  const keys = [...new Set(names.map(partnerKey).filter((k) => k !== ''))].slice(0, 20);
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('relationships')
    .select('partner_key')
    .distinct()
    .where('partner_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.partner_key));
}
