// The shapes of the catalogue's keyed words. The catalogue sits below the check, the digest and
// the conversation (the check's own reasons are in it), so it spells their keys out instead of
// importing them; every place that looks a word up by a check's verdict or a question's name
// fails the type check when a key is missing here, and a unit test walks every code the check
// and the digest know.

/** One word per verdict of the check. */
export interface VerdictWords<T> {
  within_mandate: T;
  escalate: T;
  outside_strategy: T;
}

/** One word per direction of a proposal (who needs whom). */
export interface DirectionWords<T> {
  we_need: T;
  they_need: T;
  shared: T;
}

/** One word per question of the guided check. */
export interface QuestionStepWords<T> {
  partner: T;
  partnerType: T;
  priority: T;
  intensity: T;
  budget: T;
  months: T;
  direction: T;
  confidential: T;
}

/** One word per rule of the check: its reasons and its notices. */
export interface RuleWords<T> {
  partner_type_excluded: T;
  beyond_all_mandates: T;
  exploration_exhausted: T;
  partner_type_conditional: T;
  intensity_over_mandate: T;
  budget_over_mandate: T;
  duration_over_mandate: T;
  priority_not_in_mandate: T;
  exploration: T;
  existing_relationship: T;
}

/** One word per weight of a priority. */
export interface WeightWords<T> {
  high: T;
  medium: T;
  low: T;
}
