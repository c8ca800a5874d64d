import type { CheckTexts } from '../check-texts.js';

const yours = 'it is within your mandate: yours to decide.';

export const checkEn: CheckTexts = {
  mandate: {
    own: (role) => `your mandate as ${role}`,
    of: (who, role) => `the mandate of ${who} as ${role}`,
  },
  limits: {
    intensity: (x) => `intensity up to ${x}`,
    budget: (x) => `budget up to ${x}`,
    duration: (x) => `duration up to ${x}`,
    priorities: (names) => `priorities ${names}`,
    noPriorities: 'no priorities',
    none: 'without limits',
  },
  reason: {
    partner_type_excluded: (org, type, why) =>
      `${org}'s collaboration strategy excludes working with a ${type}${why}.`,
    beyond_all_mandates: (steps, top, limits) =>
      `This proposal fits no mandate on the decision line (${steps}); even the widest, that of ${top}, goes no further than ${limits}.`,
    exploration_exhausted: {
      no_allowance: (org) =>
        `This proposal falls under none of the priorities, and ${org}'s collaboration strategy has no allowance for exploration.`,
      full: (active, max) =>
        `The exploration allowance is used up: ${active} exploratory relationships are active, and the strategy allows ${max} at a time.`,
      intensity: (max, intensity) =>
        `Exploration outside the priorities goes up to ${max} in the strategy; this proposal is a ${intensity}.`,
      budget: (budget, max) => `The budget (${budget}) is above the exploration allowance (${max}).`,
    },
    partner_type_conditional: (org, type, why, decider) =>
      `${org} works with a ${type} only on conditions${why}; ${decider} decides on that.`,
    intensity_over_mandate: (intensity, mandate, limit) =>
      `The intensity (${intensity}) goes beyond ${mandate} (up to ${limit}).`,
    budget_over_mandate: (budget, mandate, limit) => `The budget (${budget}) is above ${mandate} (${limit}).`,
    duration_over_mandate: (duration, mandate, limit) =>
      `The duration (${duration}) is longer than ${mandate} (${limit}).`,
    priority_not_in_mandate: (priority, mandate, scope) =>
      `The priority ${priority} is not within ${mandate} (it covers ${scope}).`,
  },
  notice: {
    partner_type_conditional: (org, type, why, role) =>
      `${org} works with a ${type} only on conditions${why}; as ${role} that decision is yours.`,
    exploration: (after, max) =>
      `This proposal falls under none of the priorities and counts as exploration: it would use ${after} of the ${max} places in the allowance.`,
    existing_relationship: (owner, partner, what) => `${owner} already works with ${partner} (${what}).`,
    exploration_word: 'exploration',
  },
  beyond: {
    budget: (budget, whose, limit) => `the budget (${budget}) is above the mandate of ${whose} (${limit})`,
    intensity: (intensity, whose, upTo) =>
      `the intensity (${intensity}) goes beyond the mandate of ${whose} (up to ${upTo})`,
    duration: (duration, whose, limit) =>
      `the duration (${duration}) is longer than the mandate of ${whose} (${limit})`,
    priority: (priority, whose) => `the priority ${priority} is outside the mandate of ${whose}`,
  },
  suggestion: {
    lower_budget: (to, alone) =>
      `With a budget of at most ${to} ${alone ? yours : 'the budget stays within your mandate.'}`,
    shorten_duration: (to, alone) =>
      `With a duration of at most ${to} ${alone ? yours : 'the duration stays within your mandate.'}`,
    lower_intensity: (to, from, alone) =>
      `As ${to} instead of ${from} ${alone ? 'it is yours to decide.' : 'the intensity stays within your mandate.'}`,
    choose_priority: (names, alone) =>
      `Under a priority within your mandate (${names}) ${alone ? 'it is yours to decide.' : 'the theme is within your mandate.'}`,
    link_priority: (names) =>
      `Does it contribute to ${names}? Then choose that priority: no exploration allowance is needed.`,
    combined: 'With these changes together it is within your mandate: yours to decide.',
    request_exception: (decider) =>
      `You can ask for an exception${decider ? `; ${decider} decides on it` : ''}.`,
  },
};
