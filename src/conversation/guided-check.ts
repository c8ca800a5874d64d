// The guided check as a pure reducer: a turn takes the stored state and what the person did, and
// gives the next state, what to show, and what to do. The caller stores the state (null: delete
// it), renders the views, and runs the effects (a `submit` goes to the workflow, whose outcome is
// shown with verdictView).
import { DescriptionSchema, PartnerNameSchema, type Proposal } from '../domain/check/proposal.js';
import { formatList } from '../domain/i18n/format.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { answerLabel, answerValue } from './answer-values.js';
import { buildView, context, text } from './build-view.js';
import { assumedRoleNote, type CheckContext } from './check-context.js';
import { type CheckDialogState, readCheckDialogState } from './check-dialog-state.js';
import { checkFormView, validateCheckForm } from './check-form.js';
import {
  type CheckAnswers,
  type DialogStep,
  isQuestionStep,
  nextStep,
  previousStep,
  QUESTION_STEPS,
  type QuestionStep,
} from './check-steps.js';
import { buildProposal, editChoiceBlocks, summaryBlocks } from './check-summary.js';
import {
  answerWord,
  CONTROL_VALUE,
  controlOf,
  type DialogControl,
  EDIT_PREFIX,
  isNo,
  isSubmit,
} from './dialog-words.js';
import { existingNotes } from './existing-notes.js';
import { parseFreeText } from './parse-free-text.js';
import {
  answerStep,
  type OfferedChoice,
  PARTNER_CHOICE_PREFIX,
  pickedAnswer,
  type StepAnswer,
} from './step-answer.js';
import { stepOptions } from './step-options.js';
import { questionBlocks } from './step-question.js';
import { matchOption } from './understanding/match-option.js';
import { readYesNo } from './understanding/yes-no.js';
import type { Block, View } from './view.js';

export type DialogInput =
  | { kind: 'text'; text: string }
  /** A button or choice; `step` is the question it belongs to, when it says. */
  | { kind: 'choice'; value: string; step?: string }
  | { kind: 'form'; values: Record<string, unknown> };

export type Effect = { type: 'submit'; proposal: Proposal };

export interface Turn {
  /** The state to store; null: the dialog is over (submitted or stopped), delete it. */
  state: CheckDialogState | null;
  views: View[];
  effects: Effect[];
  /**
   * The question this turn answered, as it now reads (the question and the answer, no buttons):
   * a channel may put it in the place of the question's message.
   */
  answered?: View;
}

export function startCheck(ctx: CheckContext, message?: string, preface: Block[] = []): Turn {
  const t = textsOf(ctx.locale).conversation;
  const { answers, partnerChoices } = message?.trim() ? prefill(ctx, message) : { answers: {} };
  const notes: Block[] = [...preface, text(t.intro(ctx.strategy.file.organisation.name))];
  const assumed = assumedRoleNote(ctx);
  if (assumed) notes.push(text(assumed));
  const understood = QUESTION_STEPS.flatMap((s) => {
    const v = answerValue(ctx, s, answers);
    return v === null ? [] : [`${answerLabel(ctx.locale, s).toLowerCase()} ${v}`];
  });
  if (understood.length > 0) notes.push(text(t.understood(formatList(understood, ctx.locale))));
  if (answers.partnerName) notes.push(...existingNotes(ctx, answers.partnerName));
  const now = ctx.now.toISOString();
  const state: CheckDialogState = {
    version: 1,
    kind: 'check',
    step: nextStep(answers),
    answers,
    startedAt: now,
    updatedAt: now,
    ...(partnerChoices ? { partnerChoices } : {}),
  };
  if (partnerChoices) notes.push(...partnerChoiceBlocks(ctx, partnerChoices));
  return ask(ctx, state, state.step, answers, notes);
}

/** "One partner or two?": the names to pick from, as buttons for the partner question. */
function partnerChoiceBlocks(ctx: CheckContext, names: ReadonlyArray<string>): Block[] {
  const t = textsOf(ctx.locale).conversation;
  return [
    text(t.partnerWhich(names[0] ?? '')),
    offered(
      'partner',
      names.map((n, i) => ({ value: `${PARTNER_CHOICE_PREFIX}${i}`, label: n })),
    ),
  ];
}

function offered(step: string, choices: ReadonlyArray<OfferedChoice>): Block {
  return {
    type: 'choices',
    id: `${step}-offered`,
    numbered: false,
    options: choices.map((c) => ({
      id: c.value,
      label: c.label,
      action: { type: 'dialog', step, value: c.value },
    })),
  };
}

export function continueCheck(ctx: CheckContext, stored: unknown, input: DialogInput): Turn {
  const t = textsOf(ctx.locale).conversation;
  const read = readCheckDialogState(stored);
  // A form holds the whole proposal: it does not depend on where the dialog was, or whether it survived.
  if (input.kind === 'form') {
    const checked = validateCheckForm(ctx, input.values);
    if (checked.ok) return submitted(checked.proposal);
    return {
      state: read ? touched(ctx, read) : null,
      views: [checkFormView(ctx, input.values, checked.errors)],
      effects: [],
    };
  }
  if (!read) return startCheck(ctx, undefined, [text(t.lostTrack)]);
  const answers = sanitize(ctx, read.answers);
  // A summary whose answers the strategy no longer knows goes back to them; the answer meant for
  // the summary is not taken for another question.
  const step: DialogStep = read.step === 'confirm' ? nextStep(answers) : read.step;
  const invalidated = read.step === 'confirm' && step !== 'confirm';
  const state: CheckDialogState = { ...read, step, answers };

  const value = input.kind === 'text' ? input.text : input.value;
  if (value === CONTROL_VALUE.edit || (step === 'confirm' && isChangeWord(value)))
    return ask(ctx, state, 'confirm', answers, editChoiceBlocks(ctx));
  if (input.kind === 'choice' && value.startsWith(EDIT_PREFIX)) {
    const target = value.slice(EDIT_PREFIX.length);
    return ask(ctx, state, isQuestionStep(target) ? target : step, answers, []);
  }
  const control = input.kind === 'choice' ? CHOICE_CONTROLS[value] : controlOf(value);
  if (control === 'restart') return startCheck(ctx);
  if (control === 'cancel')
    return { state: null, views: [buildView('notice', [text(t.cancelled)], t.checkTitle)], effects: [] };
  if (control === 'back') {
    const previous = previousStep(step);
    return previous
      ? ask(ctx, state, previous, answers, [])
      : ask(ctx, state, step, answers, [text(t.firstQuestion)]);
  }
  if (control === 'help') {
    return ask(ctx, state, step, answers, [text(step === 'confirm' ? t.confirmNo : t.stepHelp[step])]);
  }
  if (invalidated) return ask(ctx, state, step, answers, [text(t.answerAgain)]);
  if (input.kind === 'choice' && input.step !== undefined && input.step !== step) {
    return ask(ctx, state, step, answers, [text(t.staleChoice)]);
  }
  if (step === 'confirm') return confirm(ctx, state, input, value);
  if (step === 'partner' && value.startsWith(PARTNER_CHOICE_PREFIX)) {
    const name = state.partnerChoices?.[Number(value.slice(PARTNER_CHOICE_PREFIX.length))];
    if (name === undefined) return ask(ctx, state, step, answers, [text(t.staleChoice)]);
    const picked = answerStep(ctx, 'partner', name, answers, { whole: true });
    if (!picked.ok) return ask(ctx, state, step, answers, [text(picked.problem)]);
    const { partnerChoices: _done, ...rest } = state;
    const next = { ...answers, ...picked.patch };
    return ask(ctx, rest, nextStep(next), next, picked.notes);
  }

  const options = stepOptions(ctx, step, answers);
  const isOption = options?.some((o) => o.id === value) === true;
  // A control value this question has no option for comes from some other message.
  if (input.kind === 'choice' && !isOption && value.startsWith('~'))
    return ask(ctx, state, step, answers, [text(t.staleChoice)]);
  const result: StepAnswer =
    input.kind === 'choice' && isOption
      ? pickedAnswer(ctx, step, value)
      : answerStep(ctx, step, value, answers);
  if (!result.ok) {
    if (result.partnerChoices) {
      const asked = { ...state, partnerChoices: result.partnerChoices };
      return ask(ctx, asked, step, answers, partnerChoiceBlocks(ctx, result.partnerChoices));
    }
    const notes: Block[] = [text(result.problem)];
    if (result.choices && result.choices.length > 0) notes.push(offered(step, result.choices));
    return ask(ctx, state, step, answers, notes);
  }
  const { partnerChoices: _asked, ...rest } = state;
  const next = { ...answers, ...result.patch };
  const turn = ask(ctx, step === 'partner' ? rest : state, nextStep(next), next, result.notes);
  return { ...turn, answered: answeredView(ctx, step, next) };
}

/** "Vraag 2 van 8 · Type partner: Kennisinstelling": a question once answered. */
function answeredView(ctx: CheckContext, step: QuestionStep, answers: CheckAnswers): View {
  const t = textsOf(ctx.locale).conversation;
  const index = QUESTION_STEPS.indexOf(step);
  return buildView(
    'question',
    [
      context(t.progress(index + 1, QUESTION_STEPS.length)),
      text(t.answeredLine(answerLabel(ctx.locale, step), answerValue(ctx, step, answers) ?? '')),
    ],
    t.checkTitle,
  );
}

const CHOICE_CONTROLS: Record<string, DialogControl> = {
  [CONTROL_VALUE.back]: 'back',
  [CONTROL_VALUE.cancel]: 'cancel',
  [CONTROL_VALUE.help]: 'help',
};

function confirm(ctx: CheckContext, state: CheckDialogState, input: DialogInput, value: string): Turn {
  const t = textsOf(ctx.locale).conversation;
  const answers = state.answers;
  const submit = input.kind === 'choice' ? value === CONTROL_VALUE.submit : isSubmit(value);
  if (submit) {
    const built = buildProposal(ctx, answers);
    if (built.ok) return submitted(built.proposal);
    const step = built.step ?? 'partner';
    const { [keyOf(step)]: _dropped, ...rest } = answers;
    return ask(ctx, state, step, rest, [text(t.answerAgain)]);
  }
  if (isNo(value)) return ask(ctx, state, 'confirm', answers, [text(t.confirmNo)]);
  if (input.kind === 'text' && readYesNo(value) === true) {
    const built = buildProposal(ctx, answers);
    if (built.ok) return submitted(built.proposal);
  }
  const edit = matchOption(
    value,
    QUESTION_STEPS.map((s) => ({ id: s, names: [answerLabel('nl', s), answerLabel('en', s), s] })),
  );
  if (edit.kind === 'match' && isQuestionStep(edit.id)) return ask(ctx, state, edit.id, answers, []);
  // Words that are neither yes, no nor a question to change: the description asked for here.
  const description = input.kind === 'text' ? DescriptionSchema.safeParse(value) : null;
  if (description?.success && isDescription(description.data)) {
    const next = { ...answers, description: description.data };
    return ask(ctx, state, 'confirm', next, [text(t.descriptionAdded)]);
  }
  const echo = answerWord(value).slice(0, 80);
  return ask(ctx, state, 'confirm', answers, [text(t.didNotUnderstand(echo, t.confirmNo))]);
}

function ask(
  ctx: CheckContext,
  state: CheckDialogState,
  step: DialogStep,
  answers: CheckAnswers,
  notes: Block[],
): Turn {
  const t = textsOf(ctx.locale).conversation;
  const blocks = [
    ...notes,
    ...(step === 'confirm' ? summaryBlocks(ctx, answers) : questionBlocks(ctx, step, answers)),
  ];
  const view = buildView(
    step === 'confirm' ? 'confirm' : 'question',
    blocks,
    step === 'confirm' ? t.summaryTitle : t.checkTitle,
  );
  return {
    state: { ...touched(ctx, state), step, answers, locale: ctx.locale },
    views: [view],
    effects: [],
  };
}

function submitted(proposal: Proposal): Turn {
  return { state: null, views: [], effects: [{ type: 'submit', proposal }] };
}

function touched(ctx: CheckContext, state: CheckDialogState): CheckDialogState {
  return { ...state, updatedAt: ctx.now.toISOString() };
}

function keyOf(step: DialogStep): keyof CheckAnswers {
  return step === 'partner' ? 'partnerName' : step === 'confirm' ? 'confidential' : step;
}

/** What a one-message start gives; the partner name only when it is a valid one. */
function prefill(ctx: CheckContext, message: string): { answers: CheckAnswers; partnerChoices?: string[] } {
  const guess = parseFreeText(ctx.strategy, message, (name) => ctx.knownPartner?.(name) ?? false);
  const { partnerName, partnerChoices, ...rest } = guess;
  const valid = (partnerChoices ?? []).filter((n) => PartnerNameSchema.safeParse(n).success);
  if (valid.length > 1) return { answers: rest, partnerChoices: valid };
  const name = partnerName === undefined ? undefined : PartnerNameSchema.safeParse(partnerName);
  return { answers: name?.success ? { partnerName: name.data, ...rest } : rest };
}

/** Answers stored under an older strategy: ids it no longer has are asked again. */
function sanitize(ctx: CheckContext, a: CheckAnswers): CheckAnswers {
  const { strategy } = ctx;
  const out: CheckAnswers = { ...a };
  if (out.partnerName !== undefined && !PartnerNameSchema.safeParse(out.partnerName).success)
    delete out.partnerName;
  if (out.partnerType !== undefined && !strategy.partnerTypes.has(out.partnerType)) delete out.partnerType;
  if (typeof out.priority === 'string' && !strategy.priorities.has(out.priority)) delete out.priority;
  if (out.intensity !== undefined && !strategy.intensities.has(out.intensity)) delete out.intensity;
  return out;
}

/** "wijzig", "aanpassen", "change": which answer? */
function isChangeWord(value: string): boolean {
  return /^(?:wijzig(?:en)?|aanpassen|veranderen|change|edit|modify)[.!…]*$/iu.test(value.trim());
}

/** A description is a few words at least, not a word the dialog did not understand. */
function isDescription(text: string): boolean {
  return text.split(/\s+/u).length >= 3 && text.length >= 15;
}
