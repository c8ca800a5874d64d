// The conversation's public API: what channels and the server wire to. No SDK, no I/O.

export { channelOutcomeOf, requesterUpdateView, strategyChannelSummaryView } from './case-outcome-views.js';
export {
  CASE_STATES,
  type CaseState,
  type CaseSummary,
  FINAL_STATES,
  type RouteStep,
} from './case-summary.js';
export { approvalRequestView, caseView, holderOf, reminderView, stateLine } from './case-views.js';
export { type CheckContext, type CheckPerson, requesterRole } from './check-context.js';
export { type CheckDialogState, CheckDialogStateSchema, readCheckDialogState } from './check-dialog-state.js';
export {
  CHECK_FORM_FIELDS,
  type CheckFormErrors,
  type CheckFormResult,
  checkFormView,
  validateCheckForm,
} from './check-form.js';
export { answerInfoFormView, decisionFormView, MAX_DECISION_TEXT, readFormText } from './decision-forms.js';
export { continueCheck, type DialogInput, type Effect, startCheck, type Turn } from './guided-check.js';
export {
  helpView,
  noticeView,
  smallTalkView,
  unknownCommandView,
  welcomeView,
  withWelcome,
} from './help-view.js';
export { type ChatCommand, cleanCommandText, type ParsedCommand, parseCommand } from './parse-command.js';
export { type FreeTextGuess, parseFreeText } from './parse-free-text.js';
export {
  partnerNamesToLookUp,
  partnerNamesToLookUpAtStart,
  partnerToLookUp,
  partnerToLookUpAtStart,
} from './partner-lookup.js';
export type { RelationshipLine, RelationshipStatus } from './relationship-line.js';
export { seenByView } from './seen-by-view.js';
export { type StatusLists, statusView } from './status-view.js';
export { detectLanguage, replyLocale } from './understanding/detect-language.js';
export type { SmallTalk } from './understanding/intent.js';
export { replyLocaleUnder } from './understanding/strategy-lexicon.js';
export { type VerdictNext, verdictView } from './verdict-view.js';
export * from './view.js';
export { type ViewContext, viewContextOf } from './view-context.js';
export { whoWorksWithView } from './who-view.js';
