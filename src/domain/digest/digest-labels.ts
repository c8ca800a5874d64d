// The strategy's names the digest shows, in both languages, kept with the digest.
import { localize, roleName, type Strategy } from '../strategy/compile-strategy.js';
import type { BothLanguages, DigestLabels } from './digest-model.js';

export function digestLabels(strategy: Strategy): DigestLabels {
  const both = (f: (l: 'nl' | 'en') => string): BothLanguages => ({ nl: f('nl'), en: f('en') });
  return {
    priorities: Object.fromEntries(
      [...strategy.priorities.values()].map((p) => [p.id, both((l) => localize(p.name, l))]),
    ),
    intensities: Object.fromEntries(
      strategy.intensityList.map((i) => [i.id, both((l) => localize(i.name, l))]),
    ),
    roles: Object.fromEntries(strategy.roleList.map((r) => [r.id, both((l) => roleName(r, l))])),
  };
}
