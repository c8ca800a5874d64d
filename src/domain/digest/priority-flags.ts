// The portfolio against the priorities: relationships, budget and intensity per priority next to
// its weight, and flags where investment and weight disagree.
//
// The thresholds, relative to the portfolio's own shares:
// - a weight is worth points (high 3, medium 2, low 1); a priority's *expected share* is its
//   points over the points of all priorities in the strategy;
// - its *investment share* is the larger of its share of the active relationships on priorities
//   and its share of their budget (exploratory relationships are left out of both);
// - a **high**-weight priority is flagged `under_invested` when its investment share is below
//   half its expected share (both its count and its money are small for what it weighs);
// - a **low**-weight priority is flagged `over_invested` when its investment share is above
//   twice its expected share (its count or its money is large for what it weighs);
// - nothing is flagged while fewer than FLAG_MIN_RELATIONSHIPS relationships are on priorities:
//   a handful says nothing about a portfolio.
import type { PortfolioMix, PriorityMix, Weight } from './digest-model.js';

export const WEIGHT_POINTS: Record<Weight, number> = { high: 3, medium: 2, low: 1 };
export const UNDER_FACTOR = 0.5;
export const OVER_FACTOR = 2;
export const FLAG_MIN_RELATIONSHIPS = 10;

/** One row of the SQL aggregate: active relationships per (priority, intensity). */
export interface MixRow {
  priority: string | null;
  intensity: string;
  relationships: number;
  budget: number;
}

export interface MixStrategy {
  priorities: ReadonlyArray<{ id: string; weight: Weight }>;
  intensities: ReadonlyArray<string>;
  exploration: { maxActive: number } | null;
}

export function portfolioMix(rows: ReadonlyArray<MixRow>, s: MixStrategy): PortfolioMix {
  const known = new Map(s.priorities.map((p) => [p.id, p]));
  const totalPoints = s.priorities.reduce((n, p) => n + WEIGHT_POINTS[p.weight], 0);
  const mix = new Map<string | null, PriorityMix>();
  const entry = (id: string | null, weight: Weight | null): PriorityMix => {
    let m = mix.get(id);
    if (!m) {
      m = {
        id,
        weight,
        relationships: 0,
        budget: 0,
        relationshipShare: 0,
        budgetShare: 0,
        expectedShare: weight === null || totalPoints === 0 ? 0 : WEIGHT_POINTS[weight] / totalPoints,
        byIntensity: {},
        flag: null,
      };
      mix.set(id, m);
    }
    return m;
  };
  for (const p of s.priorities) entry(p.id, p.weight);
  let unknownPriority = 0;
  let active = 0;
  let budget = 0;
  for (const r of rows) {
    active += r.relationships;
    budget += r.budget;
    if (r.priority !== null && !known.has(r.priority)) {
      unknownPriority += r.relationships;
      continue;
    }
    const m = entry(r.priority, r.priority === null ? null : (known.get(r.priority)?.weight ?? null));
    m.relationships += r.relationships;
    m.budget += r.budget;
    m.byIntensity[r.intensity] = (m.byIntensity[r.intensity] ?? 0) + r.relationships;
  }
  const onPriorities = s.priorities.map((p) => mix.get(p.id) as PriorityMix);
  const countOn = onPriorities.reduce((n, m) => n + m.relationships, 0);
  const budgetOn = onPriorities.reduce((n, m) => n + m.budget, 0);
  const flagsApply = countOn >= FLAG_MIN_RELATIONSHIPS;
  for (const m of onPriorities) {
    m.relationshipShare = countOn === 0 ? 0 : m.relationships / countOn;
    m.budgetShare = budgetOn === 0 ? 0 : m.budget / budgetOn;
    m.flag = flagsApply ? flagFor(m) : null;
  }
  const exploring = mix.get(null);
  const explorationActive = exploring?.relationships ?? 0;
  const max = s.exploration?.maxActive ?? null;
  return {
    active,
    budget,
    priorities: exploring ? [...onPriorities, exploring] : onPriorities,
    unknownPriority,
    exploration: {
      active: explorationActive,
      share: active === 0 ? 0 : explorationActive / active,
      maxActive: max,
      left: max === null ? null : Math.max(0, max - explorationActive),
    },
    // An intensity no longer in the strategy is still counted, so it is listed too (after the
    // strategy's own): the mix beside a count adds up to it.
    intensities: [
      ...s.intensities,
      ...new Set(rows.map((r) => r.intensity).filter((id) => !s.intensities.includes(id))),
    ],
    flagsApply,
  };
}

/** The investment share: the larger of the count share and the budget share. */
export function investmentShare(m: Pick<PriorityMix, 'relationshipShare' | 'budgetShare'>): number {
  return Math.max(m.relationshipShare, m.budgetShare);
}

export function flagFor(m: PriorityMix): PriorityMix['flag'] {
  const share = investmentShare(m);
  if (m.weight === 'high' && share < m.expectedShare * UNDER_FACTOR) return 'under_invested';
  if (m.weight === 'low' && share > m.expectedShare * OVER_FACTOR) return 'over_invested';
  return null;
}
