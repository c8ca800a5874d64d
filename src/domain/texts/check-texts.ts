// The words of a check: its reasons, notices and suggestions. Every reason says what the limit is
// and whose it is, so a person can see the frame and challenge it. Names, amounts and durations
// arrive formatted in the reader's language, the strategy's own names as the strategy spells them.

export interface CheckTexts {
  /** Whose mandate a reason speaks of: the reader's own, or another person's (an approver, a channel). */
  mandate: { own: (role: string) => string; of: (who: string, role: string) => string };
  /** A role's limits, one phrase each, listed by the caller. */
  limits: {
    intensity: (upTo: string) => string;
    budget: (upTo: string) => string;
    duration: (upTo: string) => string;
    priorities: (names: string) => string;
    noPriorities: string;
    none: string;
  };
  reason: {
    partner_type_excluded: (org: string, type: string, typeReason: string) => string;
    beyond_all_mandates: (steps: string, top: string, limits: string) => string;
    exploration_exhausted: {
      no_allowance: (org: string) => string;
      full: (active: number, max: number) => string;
      intensity: (maxIntensity: string, intensity: string) => string;
      budget: (budget: string, max: string) => string;
    };
    partner_type_conditional: (org: string, type: string, typeReason: string, decider: string) => string;
    intensity_over_mandate: (intensity: string, mandate: string, limit: string) => string;
    budget_over_mandate: (budget: string, mandate: string, limit: string) => string;
    duration_over_mandate: (duration: string, mandate: string, limit: string) => string;
    priority_not_in_mandate: (priority: string, mandate: string, scope: string) => string;
  };
  notice: {
    partner_type_conditional: (org: string, type: string, typeReason: string, role: string) => string;
    exploration: (activeAfter: number, max: number) => string;
    existing_relationship: (owner: string, partner: string, what: string) => string;
    /** What an existing relationship outside the priorities is called. */
    exploration_word: string;
  };
  /** Why a proposal goes past a role on its route, one phrase per limit, listed by the caller. */
  beyond: {
    budget: (budget: string, whose: string, limit: string) => string;
    intensity: (intensity: string, whose: string, upTo: string) => string;
    duration: (duration: string, whose: string, limit: string) => string;
    priority: (priority: string, whose: string) => string;
  };
  suggestion: {
    lower_budget: (to: string, alone: boolean) => string;
    shorten_duration: (to: string, alone: boolean) => string;
    lower_intensity: (to: string, from: string, alone: boolean) => string;
    choose_priority: (names: string, alone: boolean) => string;
    link_priority: (names: string) => string;
    combined: string;
    request_exception: (decider: string | null) => string;
  };
}
