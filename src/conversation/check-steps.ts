// The questions of the guided check, in order, and how the dialog moves between them: forward
// to the first question not yet answered, back to the one before in this order.

export const QUESTION_STEPS = [
  'partner',
  'partnerType',
  'priority',
  'intensity',
  'budget',
  'months',
  'direction',
  'confidential',
] as const;
export type QuestionStep = (typeof QUESTION_STEPS)[number];
export const DIALOG_STEPS = [...QUESTION_STEPS, 'confirm'] as const;
export type DialogStep = (typeof DIALOG_STEPS)[number];

/** What the person answered so far; `priority: null` is "none of these" (exploration). */
export interface CheckAnswers {
  partnerName?: string;
  partnerType?: string;
  priority?: string | null;
  intensity?: string;
  budget?: number;
  months?: number;
  direction?: 'we_need' | 'they_need' | 'shared';
  confidential?: boolean;
  /** In the requester's words, for whoever decides; "" when they skipped it. */
  description?: string;
}

const KEY: Record<QuestionStep, keyof CheckAnswers> = {
  partner: 'partnerName',
  partnerType: 'partnerType',
  priority: 'priority',
  intensity: 'intensity',
  budget: 'budget',
  months: 'months',
  direction: 'direction',
  confidential: 'confidential',
};

export function isAnswered(answers: CheckAnswers, step: QuestionStep): boolean {
  return answers[KEY[step]] !== undefined;
}

export function nextStep(answers: CheckAnswers): DialogStep {
  return QUESTION_STEPS.find((s) => !isAnswered(answers, s)) ?? 'confirm';
}

export function previousStep(step: DialogStep): QuestionStep | null {
  const i = DIALOG_STEPS.indexOf(step);
  return i > 0 ? (DIALOG_STEPS[i - 1] as QuestionStep) : null;
}

export function isQuestionStep(value: string): value is QuestionStep {
  return (QUESTION_STEPS as readonly string[]).includes(value);
}
