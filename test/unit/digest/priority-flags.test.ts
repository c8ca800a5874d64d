// The portfolio against the priorities: shares, and the flags' documented thresholds.
import { describe, expect, it } from 'vitest';
import {
  FLAG_MIN_RELATIONSHIPS,
  type MixRow,
  portfolioMix,
} from '../../../src/domain/digest/priority-flags.js';

const STRATEGY = {
  priorities: [
    { id: 'energy', weight: 'high' as const },
    { id: 'water', weight: 'high' as const },
    { id: 'mobility', weight: 'medium' as const },
    { id: 'health', weight: 'low' as const },
  ],
  intensities: ['exchange', 'project', 'programme'],
  exploration: { maxActive: 3 },
};
// Points: 3 + 3 + 2 + 1 = 9. Expected shares: high 1/3, medium 2/9, low 1/9.
// Under-invested below 1/6 (high); over-invested above 2/9 (low).

const row = (
  priority: string | null,
  relationships: number,
  budget: number,
  intensity = 'project',
): MixRow => ({ priority, intensity, relationships, budget });

describe('the portfolio mix', () => {
  it('lists an intensity the strategy no longer has, so the mix adds up to the count', () => {
    const mix = portfolioMix([row('energy', 2, 2_000), row('energy', 1, 500, 'consortium')], STRATEGY);
    expect(mix.intensities).toEqual(['exchange', 'project', 'programme', 'consortium']);
    const energy = mix.priorities.find((p) => p.id === 'energy');
    expect(energy?.byIntensity).toEqual({ project: 2, consortium: 1 });
    expect(Object.values(energy?.byIntensity ?? {}).reduce((a, b) => a + b, 0)).toBe(energy?.relationships);
  });

  it('adds up per priority and intensity, with shares of relationships and budget on priorities', () => {
    const mix = portfolioMix(
      [
        row('energy', 4, 40_000),
        row('energy', 2, 60_000, 'programme'),
        row('water', 3, 30_000),
        row('mobility', 1, 10_000),
        row(null, 2, 4_000, 'exchange'),
      ],
      STRATEGY,
    );
    expect(mix.active).toBe(12);
    expect(mix.budget).toBe(144_000);
    const energy = mix.priorities.find((p) => p.id === 'energy');
    expect(energy).toMatchObject({
      relationships: 6,
      budget: 100_000,
      byIntensity: { project: 4, programme: 2 },
    });
    expect(energy?.relationshipShare).toBeCloseTo(6 / 10);
    expect(energy?.budgetShare).toBeCloseTo(100 / 140);
    expect(energy?.expectedShare).toBeCloseTo(1 / 3);
    expect(mix.exploration).toEqual({ active: 2, share: 2 / 12, maxActive: 3, left: 1 });
    expect(mix.priorities.at(-1)?.id).toBeNull();
  });

  it('flags a high priority whose count and budget shares are both under half its weight share', () => {
    const mix = portfolioMix(
      [row('energy', 8, 80_000), row('water', 1, 1_000), row('mobility', 2, 20_000), row('health', 1, 1_000)],
      STRATEGY,
    );
    // water: 1/12 = 0.083 and 1,000/102,000 < 1/6: under-invested.
    expect(mix.flagsApply).toBe(true);
    expect(mix.priorities.find((p) => p.id === 'water')?.flag).toBe('under_invested');
    expect(mix.priorities.find((p) => p.id === 'energy')?.flag).toBeNull();
    expect(mix.priorities.find((p) => p.id === 'health')?.flag).toBeNull();
  });

  it('does not flag a high priority that is small in count but large in money', () => {
    const mix = portfolioMix(
      [row('energy', 10, 10_000), row('water', 1, 50_000), row('mobility', 1, 1_000)],
      STRATEGY,
    );
    expect(mix.priorities.find((p) => p.id === 'water')?.flag).toBeNull();
  });

  it('flags a low priority with more than twice its weight share in count or in money', () => {
    const byMoney = portfolioMix(
      [row('energy', 5, 10_000), row('water', 5, 10_000), row('health', 1, 20_000)],
      STRATEGY,
    );
    expect(byMoney.priorities.find((p) => p.id === 'health')?.flag).toBe('over_invested');
    const byCount = portfolioMix(
      [row('energy', 4, 50_000), row('water', 4, 50_000), row('health', 4, 1_000)],
      STRATEGY,
    );
    expect(byCount.priorities.find((p) => p.id === 'health')?.flag).toBe('over_invested');
    const inLine = portfolioMix(
      [row('energy', 5, 50_000), row('water', 5, 50_000), row('health', 1, 10_000)],
      STRATEGY,
    );
    expect(inLine.priorities.find((p) => p.id === 'health')?.flag).toBeNull();
  });

  it(`flags nothing while fewer than ${FLAG_MIN_RELATIONSHIPS} relationships are on priorities`, () => {
    const mix = portfolioMix([row('energy', 8, 80_000), row('health', 1, 100_000)], STRATEGY);
    expect(mix.flagsApply).toBe(false);
    expect(mix.priorities.every((p) => p.flag === null)).toBe(true);
  });

  it('counts relationships on a priority the strategy no longer has apart, and reports no allowance without exploration', () => {
    const mix = portfolioMix([row('gone', 2, 1_000), row('energy', 1, 1_000)], {
      ...STRATEGY,
      exploration: null,
    });
    expect(mix.unknownPriority).toBe(2);
    expect(mix.priorities.find((p) => p.id === 'energy')?.relationshipShare).toBe(1);
    expect(mix.exploration).toEqual({ active: 0, share: 0, maxActive: null, left: null });
  });
});
