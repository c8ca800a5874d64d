// The register's answer to "who works with X", as lines the views show.
import type { RelationshipLine } from '../conversation/index.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import { localize, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { whoWorksWith } from '../portfolio/who-works-with.js';
import { knownPartnerKeysAmong } from '../store/known-partners.js';
import type { Db } from '../store/store-handle.js';

export async function relationshipLines(
  db: Db,
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
export async function knownPartnerKeys(db: Db, names: ReadonlyArray<string>): Promise<Set<string>> {
  const keys = [...new Set(names.map(partnerKey).filter((k) => k !== ''))].slice(0, 20);
  if (keys.length === 0) return new Set();
  return knownPartnerKeysAmong(db, keys);
}
