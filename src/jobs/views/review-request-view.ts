// The question a relationship's owner gets when its review is due: continue, adjust or end, what
// it delivered, and a rating of its contribution to its priority. A direct message to the owner,
// so the partner is named even when the relationship is confidential.
import type { ActionPayload, Block, View } from '../../conversation/view.js';
import { REVIEW_FIELDS } from '../../domain/digest/review-answer.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import type { ReviewRequestPayload, ReviewSubject } from '../reviews.js';
import { formatDate } from './digest-format.js';

/** What the form's submit sends back; the chat service routes it to submitReview. */
export type SubmitReviewAction = Extract<ActionPayload, { type: 'submit_review' }>;

/**
 * The owner's review message of the day: the form itself for one relationship; for several, each
 * with a button that opens its form (a card or modal cannot hold several forms with the same fields).
 */
export function reviewPromptView(payload: ReviewRequestPayload, locale: Locale): View {
  const [only] = payload.subjects;
  if (payload.subjects.length === 1 && only && payload.more === 0) return reviewRequestView(only, locale);
  const w = textsOf(locale).review;
  const blocks: Block[] = [{ type: 'text', text: w.listIntro(payload.subjects.length) }];
  for (const subject of payload.subjects) {
    blocks.push({ type: 'text', text: w.listLine(subject.partner, formatDate(subject.dueDate, locale)) });
    blocks.push({
      type: 'buttons',
      buttons: [
        {
          id: `review-${subject.relationshipId}`,
          label: w.open,
          style: 'primary',
          action: actionOf(subject),
        },
      ],
    });
  }
  if (payload.more > 0) blocks.push({ type: 'context', text: w.more(payload.more) });
  blocks.push({ type: 'context', text: w.context });
  const lines = payload.subjects.map((x) => `- ${w.listLine(x.partner, formatDate(x.dueDate, locale))}`);
  return {
    kind: 'review',
    title: w.listTitle,
    blocks,
    fallbackText: [w.listTitle, w.listIntro(payload.subjects.length), ...lines, w.context].join('\n'),
  };
}

function actionOf(subject: ReviewSubject): SubmitReviewAction {
  return { type: 'submit_review', relationshipId: String(subject.relationshipId), dueDate: subject.dueDate };
}

export function reviewRequestView(subject: ReviewSubject, locale: Locale): View {
  const w = textsOf(locale).review;
  const priority = subject.priorityName?.[locale] ?? subject.priority ?? w.exploration;
  const intro = w.intro(subject.partner, priority, formatDate(subject.dueDate, locale));
  const facts = [
    { label: w.facts.intensity, value: subject.intensityName[locale] },
    { label: w.facts.budget, value: formatMoney(subject.budget, subject.currency, locale) },
    ...(subject.startDate ? [{ label: w.facts.since, value: formatDate(subject.startDate, locale) }] : []),
  ];
  const action = actionOf(subject);
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
