// The question a relationship's owner gets when its review is due: continue, adjust or end, what
// it delivered, and a rating of its contribution to its priority. A direct message to the owner,
// so the partner is named even when the relationship is confidential.
import type { ActionPayload, View } from '../../conversation/view.js';
import { REVIEW_FIELDS } from '../../domain/digest/review-answer.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import type { ReviewSubject } from '../reviews.js';
import { formatDate } from './digest-words.js';

/** What the form's submit sends back; the chat service routes it to submitReview. */
export type SubmitReviewAction = Extract<ActionPayload, { type: 'submit_review' }>;

const WORDS = {
  nl: {
    title: 'Tijd voor een evaluatie',
    intro: (partner: string, priority: string, due: string) =>
      `De samenwerking met ${partner} (${priority}) is toe aan haar evaluatie (${due}). Hoe staat ze ervoor?`,
    exploration: 'verkenning',
    facts: { intensity: 'Intensiteit', budget: 'Budget', since: 'Sinds' },
    outcome: 'Hoe verder?',
    outcomes: { continue: 'Voortzetten', adjust: 'Bijstellen', end: 'Beëindigen' },
    outcomeHints: {
      continue: 'Loopt goed; zo doorgaan',
      adjust: 'Doorgaan, maar anders (doel, intensiteit of budget)',
      end: 'Stoppen; de samenwerking gaat uit het register als beëindigd',
    },
    delivered: 'Wat heeft ze opgeleverd?',
    deliveredHint: 'Resultaten en toegevoegde waarde, in een paar zinnen',
    rating: 'Bijdrage aan de prioriteit (1 = weinig, 5 = veel)',
    submit: 'Evaluatie opslaan',
    context: 'Uw antwoord komt in de wekelijkse portfoliodigest van het alliantieteam.',
  },
  en: {
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
  },
};

export function reviewRequestView(subject: ReviewSubject, locale: Locale): View {
  const w = WORDS[locale];
  const priority = subject.priorityName?.[locale] ?? subject.priority ?? w.exploration;
  const intro = w.intro(subject.partner, priority, formatDate(subject.dueDate, locale));
  const facts = [
    { label: w.facts.intensity, value: subject.intensityName[locale] },
    { label: w.facts.budget, value: formatMoney(subject.budget, subject.currency, locale) },
    ...(subject.startDate ? [{ label: w.facts.since, value: formatDate(subject.startDate, locale) }] : []),
  ];
  const action: SubmitReviewAction = {
    type: 'submit_review',
    relationshipId: String(subject.relationshipId),
    dueDate: subject.dueDate,
  };
  return {
    kind: 'review',
    title: w.title,
    blocks: [
      { type: 'text', text: intro },
      { type: 'facts', facts },
      {
        type: 'form',
        id: `review-${subject.relationshipId}`,
        fields: [
          {
            kind: 'select',
            id: REVIEW_FIELDS.outcome,
            label: w.outcome,
            required: true,
            options: (['continue', 'adjust', 'end'] as const).map((o) => ({
              id: o,
              label: w.outcomes[o],
              description: w.outcomeHints[o],
            })),
          },
          {
            kind: 'text',
            id: REVIEW_FIELDS.delivered,
            label: w.delivered,
            required: true,
            multiline: true,
            maxLength: 2000,
            hint: w.deliveredHint,
          },
          {
            kind: 'select',
            id: REVIEW_FIELDS.rating,
            label: w.rating,
            required: true,
            options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) })),
          },
        ],
        submit: { label: w.submit, action },
      },
      { type: 'context', text: w.context },
    ],
    fallbackText: `${w.title}\n${intro}\n${facts.map((f) => `${f.label}: ${f.value}`).join('\n')}\n${w.context}`,
  };
}
