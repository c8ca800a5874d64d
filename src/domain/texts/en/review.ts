import type { ReviewTexts } from '../review-texts.js';

export const reviewEn: ReviewTexts = {
  title: 'Time for a review',
  intro: (partner: string, priority: string, due: string) =>
    `Your relationship with ${partner} (${priority}) is due for its review (${due}). How is it going?`,
  exploration: 'exploration',
  facts: { intensity: 'Intensity', budget: 'Budget', since: 'Since' },
  outcome: 'What next?',
  outcomes: { continue: 'Continue', adjust: 'Adjust', end: 'End' },
  outcomeHints: {
    continue: 'Going well; carry on',
    adjust: 'Carry on, differently (goal, intensity or budget)',
    end: 'Stop; the register records the relationship as ended',
  },
  delivered: 'What did it deliver?',
  deliveredHint: 'Results and added value, in a few sentences',
  rating: 'Contribution to the priority (1 = little, 5 = much)',
  submit: 'Save review',
  context: "Your answer goes into the alliance team's weekly portfolio digest.",
  listTitle: 'Time for reviews',
  listIntro: (n: number) => `${n} of your relationships are due for their review. How are they going?`,
  listLine: (partner: string, due: string) => `${partner} (review ${due})`,
  open: 'Review',
  more: (n: number) => `${n} more follow on one of the next days.`,
};
