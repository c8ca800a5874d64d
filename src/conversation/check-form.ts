// The same check as one form (a Slack modal, a Teams form card): the form view, and one submit
// validated field by field, with each problem in the person's language on its own field.
import {
  DescriptionSchema,
  MAX_PARTNER_NAME,
  PartnerNameSchema,
  type Proposal,
} from '../domain/check/proposal.js';
import { formatMoney, formatMonths } from '../domain/i18n/format.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { answerLabel } from './answer-values.js';
import { buildView, text } from './build-view.js';
import { assumedRoleNote, type CheckContext, requesterRole } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';
import { buildProposal } from './check-summary.js';
import { pickedAnswer } from './step-answer.js';
import { stepOptions } from './step-options.js';
import { matchOption } from './understanding/match-option.js';
import { parseAmount } from './understanding/parse-amount.js';
import { parseDuration } from './understanding/parse-duration.js';
import type { FormField, SelectField, View } from './view.js';

/** The form's field ids: the same names as the dialog's answers. */
export const CHECK_FORM_FIELDS = [
  'partnerName',
  'partnerType',
  'priority',
  'intensity',
  'budget',
  'months',
  'direction',
  'confidential',
  'description',
] as const;
export type CheckFormField = (typeof CHECK_FORM_FIELDS)[number];
export type CheckFormErrors = Partial<Record<CheckFormField, string>>;
export type CheckFormResult = { ok: true; proposal: Proposal } | { ok: false; errors: CheckFormErrors };

const STEP_OF: Record<Exclude<CheckFormField, 'description'>, QuestionStep> = {
  partnerName: 'partner',
  partnerType: 'partnerType',
  priority: 'priority',
  intensity: 'intensity',
  budget: 'budget',
  months: 'months',
  direction: 'direction',
  confidential: 'confidential',
};
const SELECTS = ['partnerType', 'priority', 'intensity', 'direction'] as const;

export function checkFormView(
  ctx: CheckContext,
  values: Record<string, unknown> = {},
  errors: CheckFormErrors = {},
): View {
  const t = textsOf(ctx.locale).conversation;
  const { role } = requesterRole(ctx);
  const label = (f: Exclude<CheckFormField, 'description'>) => answerLabel(ctx.locale, STEP_OF[f]);
  const withError = <F extends FormField>(field: F): F => {
    const error = errors[field.id as CheckFormField];
    return error ? { ...field, error } : field;
  };
  const select = (id: (typeof SELECTS)[number]): SelectField => {
    const options = (stepOptions(ctx, STEP_OF[id], {}) ?? []).map((o) =>
      o.description ? { id: o.id, label: o.label, description: o.description } : { id: o.id, label: o.label },
    );
    const value = stringOf(values[id]);
    return { kind: 'select', id, label: label(id), required: true, options, ...(value ? { value } : {}) };
  };
  const current = (id: CheckFormField) => {
    const v = stringOf(values[id]);
    return v ? { value: v } : {};
  };
  const plain: FormField[] = [
    {
      kind: 'text',
      id: 'partnerName',
      label: label('partnerName'),
      required: true,
      maxLength: MAX_PARTNER_NAME,
      placeholder: t.placeholder.partner,
      ...current('partnerName'),
    },
    select('partnerType'),
    select('priority'),
    select('intensity'),
    {
      // Text, not a number input: clients read `12.500` as twelve and a half. The server reads
      // the amount with the same parser as the dialog.
      kind: 'text',
      id: 'budget',
      label: label('budget'),
      required: true,
      maxLength: 40,
      placeholder: t.placeholder.budget,
      ...(Number.isFinite(role.maxBudgetLimit)
        ? { hint: t.mandateBudget(formatMoney(role.maxBudgetLimit, ctx.strategy.currency, ctx.locale)) }
        : {}),
      ...current('budget'),
    },
    {
      kind: 'text',
      id: 'months',
      label: label('months'),
      required: true,
      maxLength: 40,
      placeholder: t.placeholder.months,
      ...(Number.isFinite(role.maxMonthsLimit)
        ? { hint: t.mandateMonths(formatMonths(role.maxMonthsLimit, ctx.locale)) }
        : {}),
      ...current('months'),
    },
    select('direction'),
    {
      kind: 'toggle',
      id: 'confidential',
      label: label('confidential'),
      required: false,
      hint: t.stepHelp.confidential,
      value: isOn(values.confidential),
    },
    {
      kind: 'text',
      id: 'description',
      label: t.fact.description,
      required: false,
      multiline: true,
      maxLength: 2000,
      hint: t.describeHint,
      ...current('description'),
    },
  ];
  const fields = plain.map(withError);
  const assumed = assumedRoleNote(ctx);
  return buildView(
    'check_form',
    [
      text(t.formIntro),
      ...(assumed ? [text(assumed)] : []),
      {
        type: 'form',
        id: 'check',
        fields,
        submit: { label: t.formSubmit, action: { type: 'submit_check_form' } },
        ...(Object.keys(errors).length > 0 ? { error: t.formInvalid } : {}),
      },
    ],
    t.formTitle,
  );
}

export function validateCheckForm(ctx: CheckContext, values: Record<string, unknown>): CheckFormResult {
  const t = textsOf(ctx.locale).conversation;
  const errors: CheckFormErrors = {};
  const answers: CheckAnswers = {};

  const name = stringOf(values.partnerName);
  if (name === '') errors.partnerName = t.required;
  else {
    const parsed = PartnerNameSchema.safeParse(name);
    if (parsed.success) answers.partnerName = parsed.data;
    else
      errors.partnerName =
        name.length > MAX_PARTNER_NAME ? t.partnerTooLong(MAX_PARTNER_NAME) : t.partnerUnsafe;
  }

  for (const id of SELECTS) {
    const raw = stringOf(values[id]);
    const match = raw === '' ? null : matchOption(raw, stepOptions(ctx, STEP_OF[id], answers) ?? []);
    const answer = match?.kind === 'match' ? pickedAnswer(ctx, STEP_OF[id], match.id) : null;
    if (answer?.ok) Object.assign(answers, answer.patch);
    else errors[id] = raw === '' ? t.required : t.unknownOption;
  }

  const example = formatMoney(12500, ctx.strategy.currency, ctx.locale);
  const budgetText = stringOf(values.budget);
  const budget = budgetText === '' ? null : parseAmount(budgetText);
  if (budget?.ok) answers.budget = budget.value;
  else
    errors.budget =
      budget === null
        ? t.required
        : budget.reason === 'negative'
          ? t.negativeNumber
          : budget.reason === 'ambiguous'
            ? t.ambiguousNumber(example)
            : t.invalidAmount(example);
  const monthsText = stringOf(values.months);
  const months = monthsText === '' ? null : parseDuration(monthsText);
  if (months?.ok) answers.months = months.months;
  else
    errors.months =
      months === null
        ? t.required
        : months.reason === 'negative'
          ? t.negativeNumber
          : months.reason === 'ambiguous'
            ? t.ambiguousNumber('12')
            : t.invalidMonths;
  answers.confidential = isOn(values.confidential);
  const description = DescriptionSchema.safeParse(stringOf(values.description));
  if (description.success) answers.description = description.data;
  else errors.description = t.answerAgain;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const built = buildProposal(ctx, answers);
  if (built.ok) return { ok: true, proposal: built.proposal };
  const field =
    CHECK_FORM_FIELDS.find((f) => f !== 'description' && STEP_OF[f] === built.step) ?? 'partnerName';
  return { ok: false, errors: { [field]: t.answerAgain } };
}

/** A submitted value as text: channels send strings, numbers, or (Slack) a list of one. */
function stringOf(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v) && v.length === 1) return stringOf(v[0]);
  return '';
}

/** A toggle: Teams sends "true"/"false", Slack checkboxes a list of the ticked values. */
function isOn(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  return (
    typeof v === 'string' && ['true', 'on', 'yes', 'ja', '1', 'confidential'].includes(v.trim().toLowerCase())
  );
}
