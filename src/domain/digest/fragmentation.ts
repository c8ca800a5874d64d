// Fragmentation: "very little collaboration with very many parties", the symptom the strategy
// exists to fight. A partner is fragmented when it has at least FRAGMENTED_MIN_RELATIONSHIPS
// active relationships (by partner key, so "Wéstland B.V." and "westland" are one partner) held
// by more than one unit or more than one owner (a relationship without a unit counts by its owner). Units are ranked by how many distinct partners
// they work with. Both are computed in SQL (GROUP BY partner_key / unit); these are the rules.
export const FRAGMENTED_MIN_RELATIONSHIPS = 2;
export const BUSY_UNITS_LIST = 5;

export function isFragmented(g: { relationships: number; units: number; owners: number }): boolean {
  return g.relationships >= FRAGMENTED_MIN_RELATIONSHIPS && (g.units > 1 || g.owners > 1);
}
