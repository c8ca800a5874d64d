// Calibration signals: rules that never fire, themes that escalate, mandates that pinch.
import { describe, expect, it } from 'vitest';
import {
  calibration,
  mandateLimits,
  PINCH_MIN_CASES,
  pinchingMandates,
  RULE_CODES,
} from '../../../src/domain/digest/calibration.js';
import { exampleStrategy } from '../../support/example-strategy.js';

describe('calibration', () => {
  it('lists every rule of the check contract once', () => {
    expect(RULE_CODES).toEqual([
      'partner_type_excluded',
      'beyond_all_mandates',
      'exploration_exhausted',
      'partner_type_conditional',
      'intensity_over_mandate',
      'budget_over_mandate',
      'duration_over_mandate',
      'priority_not_in_mandate',
      'exploration',
      'existing_relationship',
    ]);
  });

  it('names the rules that never fired in the period and in the window', () => {
    const c = calibration({
      windowWeeks: 12,
      themes: [],
      ruleCounts: [
        { code: 'budget_over_mandate', period: 2, window: 9 },
        { code: 'existing_relationship', period: 0, window: 1 },
      ],
      exceptionsGranted: 1,
      exceptionsRefused: 0,
      mandates: [],
    });
    expect(c.rules[0]).toEqual({ code: 'budget_over_mandate', period: 2, window: 9 });
    expect(c.neverFiredInPeriod).not.toContain('budget_over_mandate');
    expect(c.neverFiredInPeriod).toContain('existing_relationship');
    expect(c.neverFiredInWindow).toHaveLength(RULE_CODES.length - 2);
  });

  it('orders themes by escalations, then rate', () => {
    const c = calibration({
      windowWeeks: 12,
      themes: [
        { priority: 'a', checks: 10, escalated: 2, outsideStrategy: 0 },
        { priority: 'b', checks: 4, escalated: 3, outsideStrategy: 1 },
        { priority: null, checks: 3, escalated: 3, outsideStrategy: 0 },
      ],
      ruleCounts: [],
      exceptionsGranted: 0,
      exceptionsRefused: 0,
      mandates: [],
    });
    expect(c.themes.map((t) => t.priority)).toEqual([null, 'b', 'a']);
    expect(c.themes[0]?.escalationRate).toBe(1);
  });

  it(`says a mandate pinches when at least ${PINCH_MIN_CASES} escalations over it were within 25 % and they are half or more`, () => {
    const p = pinchingMandates([
      { role: 'employee', limit: 'budget', value: 10_000, overLimit: 5, nearLimit: 4 },
      { role: 'team-lead', limit: 'budget', value: 50_000, overLimit: 10, nearLimit: 4 },
      { role: 'employee', limit: 'months', value: 12, overLimit: 2, nearLimit: 2 },
      { role: 'manager', limit: 'months', value: 48, overLimit: 0, nearLimit: 0 },
    ]);
    expect(p.map((m) => [m.role, m.limit, m.pinches])).toEqual([
      ['employee', 'budget', true],
      ['team-lead', 'budget', false],
      ['employee', 'months', false],
    ]);
  });

  it('takes only finite limits from the roles', () => {
    const limits = mandateLimits(exampleStrategy().roleList);
    expect(limits).toContainEqual({ role: 'employee', limit: 'budget', value: 10_000 });
    expect(limits).toContainEqual({ role: 'director', limit: 'months', value: 72 });
    expect(limits.some((l) => l.role === 'executive')).toBe(false);
  });
});
