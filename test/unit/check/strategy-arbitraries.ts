// fast-check arbitraries for valid strategies, proposals and portfolios. A strategy is generated
// as a small model (what the contract talks about) and rendered to the file format, so the
// properties can judge the check against the model rather than against the code under test.
import fc from 'fast-check';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import type { ExistingRelationship } from '../../../src/domain/portfolio/portfolio-view.js';

export type Policy = 'allowed' | 'conditional' | 'excluded';

export interface RoleModel {
  id: string;
  named: boolean;
  maxIntensity?: string;
  maxBudget?: number;
  maxMonths?: number;
  priorities: 'all' | string[];
}

export interface StrategyModel {
  locale: 'nl' | 'en';
  intensities: string[];
  priorities: string[];
  partnerTypes: Array<{ id: string; policy: Policy }>;
  roles: RoleModel[];
  decisionLines: { default: string[]; byPriority: Record<string, string[]> };
  exploration?: { maxActive: number; maxIntensity: string; maxBudget: number };
}

export const BUDGETS = [0, 500, 1000, 5000, 10_000, 25_000, 100_000, 1_000_000] as const;
export const MONTHS = [0, 1, 6, 12, 24, 36, 60] as const;
/** Partner names whose keys collide in pairs, so existing relationships are found. */
export const PARTNER_NAMES = [
  'TU Delft',
  'tu delft',
  'Deltares B.V.',
  'Stichting Deltares',
  'Acme, Inc.',
  'Wéstland',
];

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** n limits that never shrink: ascending values, then (from a random point on) no limit. */
function risingLimits<T extends number>(
  n: number,
  value: fc.Arbitrary<T>,
): fc.Arbitrary<Array<T | undefined>> {
  return fc
    .tuple(fc.array(value, { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n }))
    .map(([values, cut]) => [...values].sort((a, b) => a - b).map((v, i) => (i >= cut ? undefined : v)));
}

/** n priority lists that only grow, then (from a random point on) `all`. */
function growingPriorities(n: number, priorityIds: string[]): fc.Arbitrary<Array<'all' | string[]>> {
  return fc
    .tuple(fc.array(fc.subarray(priorityIds), { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n }))
    .map(([subsets, cut]) => {
      const acc = new Set<string>();
      return subsets.map((subset, i) => {
        if (i >= cut) return 'all' as const;
        for (const p of subset) acc.add(p);
        return priorityIds.filter((p) => acc.has(p));
      });
    });
}

export const strategyModel: fc.Arbitrary<StrategyModel> = fc
  .record({
    nIntensities: fc.integer({ min: 1, max: 5 }),
    nPriorities: fc.integer({ min: 1, max: 4 }),
    nRoles: fc.integer({ min: 1, max: 5 }),
    // Weighted towards allowed, so that fewer proposals end outside the strategy on the type alone.
    policies: fc.array(fc.constantFrom<Policy>('allowed', 'allowed', 'conditional', 'excluded'), {
      minLength: 1,
      maxLength: 4,
    }),
    locale: fc.constantFrom<'nl' | 'en'>('nl', 'en'),
  })
  .chain(({ nIntensities, nPriorities, nRoles, policies, locale }) => {
    const intensities = ids('i', nIntensities);
    const priorities = ids('p', nPriorities);
    const roleIds = ids('r', nRoles);
    return fc
      .record({
        intensity: risingLimits(nRoles, fc.integer({ min: 0, max: nIntensities - 1 })),
        budget: risingLimits(nRoles, fc.constantFrom(...BUDGETS)),
        months: risingLimits(nRoles, fc.constantFrom(...MONTHS)),
        priorities: growingPriorities(nRoles, priorities),
        named: fc.array(fc.boolean(), { minLength: nRoles, maxLength: nRoles }),
        defaultLine: fc.subarray(roleIds, { minLength: 1 }),
        byPriority: fc.array(fc.option(fc.subarray(roleIds, { minLength: 1 }), { nil: undefined }), {
          minLength: nPriorities,
          maxLength: nPriorities,
        }),
        exploration: fc.option(
          fc.record({
            maxActive: fc.integer({ min: 0, max: 3 }),
            maxIntensity: fc.constantFrom(...intensities),
            maxBudget: fc.constantFrom(...BUDGETS),
          }),
          { nil: undefined },
        ),
      })
      .map((g): StrategyModel => {
        const byPriority: Record<string, string[]> = {};
        g.byPriority.forEach((line, i) => {
          if (line) byPriority[priorities[i] as string] = line;
        });
        return {
          locale,
          intensities,
          priorities,
          partnerTypes: policies.map((policy, i) => ({ id: `t${i}`, policy })),
          roles: roleIds.map((id, i) => {
            const rank = g.intensity[i];
            return {
              id,
              named: g.named[i] === true,
              maxIntensity: rank === undefined ? undefined : intensities[rank],
              maxBudget: g.budget[i],
              maxMonths: g.months[i],
              priorities: g.priorities[i] ?? 'all',
            };
          }),
          decisionLines: { default: g.defaultLine, byPriority },
          exploration: g.exploration,
        };
      });
  });

const text = (id: string) => ({ nl: `${id} (nl)`, en: `${id} (en)` });

/** The model as a strategy file (JSON is YAML). */
export function strategyText(m: StrategyModel): string {
  const drop = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;
  return JSON.stringify({
    version: 1,
    organisation: { name: 'Eigenschap', locale: m.locale, currency: 'EUR' },
    priorities: m.priorities.map((id) => ({ id, name: text(id), weight: 'medium' })),
    partnerTypes: m.partnerTypes.map((t) => ({ id: t.id, name: text(t.id), policy: t.policy })),
    intensities: m.intensities.map((id) => ({ id, name: text(id) })),
    roles: m.roles.map((r) =>
      drop({
        id: r.id,
        name: r.named ? text(r.id) : undefined,
        mandate: {
          maxIntensity: r.maxIntensity,
          maxBudget: r.maxBudget,
          maxMonths: r.maxMonths,
          priorities: r.priorities,
        },
      }),
    ),
    decisionLines: m.decisionLines,
    ...(m.exploration ? { exploration: m.exploration } : {}),
  });
}

const amount = (values: readonly number[]) =>
  fc.oneof(
    fc.constantFrom(...values),
    fc.constantFrom(...values).map((v) => v + 0.01),
    fc.double({ min: 0, max: 2_000_000, noNaN: true }).map(Math.abs),
  );

export const budgetValue = amount(BUDGETS);
export const monthsValue = amount(MONTHS);

export function proposalOf(m: StrategyModel): fc.Arbitrary<Proposal> {
  return fc
    .record({
      name: fc.constantFrom(...PARTNER_NAMES),
      type: fc.constantFrom(...m.partnerTypes.map((t) => t.id)),
      priority: fc.option(fc.constantFrom(...m.priorities), { nil: null }),
      intensity: fc.constantFrom(...m.intensities),
      budget: fc.option(budgetValue, { nil: undefined }),
      months: fc.option(monthsValue, { nil: undefined }),
      role: fc.constantFrom(...m.roles.map((r) => r.id)),
      direction: fc.constantFrom('we_need', 'they_need', 'shared' as const),
    })
    .map((g) => {
      const p: Proposal = {
        partner: { name: g.name, type: g.type },
        priority: g.priority,
        intensity: g.intensity,
        direction: g.direction,
        requester: { id: 'u-test', role: g.role },
      };
      if (g.budget !== undefined) p.budget = g.budget;
      if (g.months !== undefined) p.months = g.months;
      return p;
    });
}

export function relationshipsOf(m: StrategyModel): fc.Arbitrary<ExistingRelationship[]> {
  return fc.array(
    fc.record({
      partner: fc.constantFrom(...PARTNER_NAMES),
      owner: fc.constantFrom('u-a', 'u-b', 'u-c'),
      priority: fc.option(fc.constantFrom(...m.priorities), { nil: null }),
      status: fc.constantFrom<'active' | 'ended'>('active', 'ended'),
    }),
    { maxLength: 8 },
  );
}

export interface Scenario {
  model: StrategyModel;
  proposal: Proposal;
  relationships: ExistingRelationship[];
}

export const scenario: fc.Arbitrary<Scenario> = strategyModel.chain((model) =>
  fc.record({
    model: fc.constant(model),
    proposal: proposalOf(model),
    relationships: relationshipsOf(model),
  }),
);
