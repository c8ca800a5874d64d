export const VERDICTS = ['within_mandate', 'escalate', 'outside_strategy'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const REASON_CODES = [
  'partner_type_excluded',
  'beyond_all_mandates',
  'exploration_exhausted',
  'partner_type_conditional',
  'intensity_over_mandate',
  'budget_over_mandate',
  'duration_over_mandate',
  'priority_not_in_mandate',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const NOTICE_CODES = ['partner_type_conditional', 'exploration', 'existing_relationship'] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

const SEVERITY: Record<Verdict, number> = { within_mandate: 0, escalate: 1, outside_strategy: 2 };

export function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function severity(v: Verdict): number {
  return SEVERITY[v];
}
