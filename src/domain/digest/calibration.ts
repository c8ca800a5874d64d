// Calibrating the strategy (ijken): where practice pushes back on the frame. Themes that escalate
// most, rules that fire and rules that never do, exceptions granted, and mandates that pinch.
//
// A mandate *pinches* when many escalations land just over it: of the escalated checks over a
// role's budget (or duration) limit in the window, at least PINCH_MIN_CASES were at most
// PINCH_MARGIN (25 %) above the limit, and they are at least PINCH_MIN_SHARE of that role's
// escalations over it. Then a slightly higher limit would have kept those decisions at the
// requester's level: a question for the strategy's owners, not an answer.
import { NOTICE_CODES, REASON_CODES } from '../check/verdict.js';
import type { Calibration, PinchingMandate, RuleCode, ThemeSignal } from './digest-model.js';

export const PINCH_MARGIN = 0.25;
export const PINCH_MIN_CASES = 3;
export const PINCH_MIN_SHARE = 0.5;

/** Every rule of the check contract, reasons first, in the contract's order. */
export const RULE_CODES: ReadonlyArray<RuleCode> = [...new Set<RuleCode>([...REASON_CODES, ...NOTICE_CODES])];

export interface MandateLimit {
  role: string;
  limit: 'budget' | 'months';
  value: number;
}

/** The finite budget and duration limits of the roles (a missing limit can never pinch). */
export function mandateLimits(
  roles: ReadonlyArray<{ id: string; maxBudgetLimit: number; maxMonthsLimit: number }>,
): MandateLimit[] {
  const out: MandateLimit[] = [];
  for (const r of roles) {
    if (Number.isFinite(r.maxBudgetLimit)) out.push({ role: r.id, limit: 'budget', value: r.maxBudgetLimit });
    if (Number.isFinite(r.maxMonthsLimit)) out.push({ role: r.id, limit: 'months', value: r.maxMonthsLimit });
  }
  return out;
}

export function pinchingMandates(
  counts: ReadonlyArray<MandateLimit & { overLimit: number; nearLimit: number }>,
): PinchingMandate[] {
  return counts
    .filter((c) => c.overLimit > 0)
    .map((c) => ({
      role: c.role,
      limit: c.limit,
      limitValue: c.value,
      overLimit: c.overLimit,
      nearLimit: c.nearLimit,
      pinches: c.nearLimit >= PINCH_MIN_CASES && c.nearLimit / c.overLimit >= PINCH_MIN_SHARE,
    }))
    .sort(
      (a, b) =>
        Number(b.pinches) - Number(a.pinches) || b.nearLimit - a.nearLimit || b.overLimit - a.overLimit,
    );
}

export interface ThemeRow {
  priority: string | null;
  checks: number;
  escalated: number;
  outsideStrategy: number;
}

/** Themes by how often their checks escalate (count, then rate); themes with no escalation last. */
export function themeSignals(rows: ReadonlyArray<ThemeRow>): ThemeSignal[] {
  return rows
    .map((r) => ({ ...r, escalationRate: r.checks === 0 ? 0 : r.escalated / r.checks }))
    .sort(
      (a, b) =>
        b.escalated - a.escalated ||
        b.escalationRate - a.escalationRate ||
        String(a.priority).localeCompare(String(b.priority)),
    );
}

/** How often a rule fired: in the period, in the window, and from the window's start up to now. */
export interface RuleCount {
  code: string;
  period: number;
  window: number;
  /** The window and what came after it up to when the digest is computed (default: the window). */
  untilNow?: number;
}

export function calibration(input: {
  windowWeeks: number;
  themes: ReadonlyArray<ThemeRow>;
  ruleCounts: ReadonlyArray<RuleCount>;
  exceptionsGranted: number;
  exceptionsRefused: number;
  mandates: ReadonlyArray<MandateLimit & { overLimit: number; nearLimit: number }>;
}): Calibration {
  const byCode = new Map(input.ruleCounts.map((r) => [r.code, r]));
  const rules = RULE_CODES.map((code) => ({
    code,
    period: byCode.get(code)?.period ?? 0,
    window: byCode.get(code)?.window ?? 0,
  }));
  const untilNow = (code: RuleCode) => {
    const r = byCode.get(code);
    return r?.untilNow ?? r?.window ?? 0;
  };
  return {
    windowWeeks: input.windowWeeks,
    themes: themeSignals(input.themes),
    rules: [...rules].sort(
      (a, b) => b.window - a.window || RULE_CODES.indexOf(a.code) - RULE_CODES.indexOf(b.code),
    ),
    neverFiredInPeriod: rules.filter((r) => r.period === 0).map((r) => r.code),
    // "Never used" is a claim about today: a rule used since the period ended is not among them.
    neverFiredInWindow: rules.filter((r) => untilNow(r.code) === 0).map((r) => r.code),
    exceptionsGranted: input.exceptionsGranted,
    exceptionsRefused: input.exceptionsRefused,
    pinchingMandates: pinchingMandates(input.mandates),
  };
}
