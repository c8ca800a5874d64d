// Everything the conversation says: the guided check, its questions and answers, the case views.
// Both languages implement this interface, so a missing translation is a compile error. Amounts,
// durations and times arrive already formatted; the strategy's own names (priorities, types,
// roles) arrive in the person's language.
import type { RelationshipStatus } from '../portfolio/register-row.js';
import type { CaseState } from '../workflow/case-model.js';
import type { DirectionWords, QuestionStepWords, VerdictWords } from './text-keys.js';

/** What a case's state line may mention; empty strings and nulls are left out. */
export interface StateWords {
  partner: string;
  by: string;
  /** "at 14:02" / "om 14:02", or with a date; empty when unknown. */
  when: string;
  roleName: string;
  assignee: string | null;
  reason: string | null;
  question: string | null;
}

export type ChannelOutcome =
  | 'registered'
  | 'approved'
  | 'rejected'
  | 'exception_granted'
  | 'exception_refused';

export interface ConversationTexts {
  yes: string;
  no: string;
  backButton: string;
  cancelButton: string;
  controlsHint: string;
  didNotUnderstand: (answer: string, expected: string) => string;
  lostTrack: string;
  unknownPerson: (roleName: string) => string;
  unknownRole: (roleId: string, roleName: string) => string;
  relationshipStatus: Record<RelationshipStatus, string>;
  direction: DirectionWords<string>;
  directionDescription: {
    we_need: (needs: string | null) => string;
    they_need: (offers: string | null) => string;
    shared: string;
  };
  fact: {
    partner: string;
    partnerType: string;
    priority: string;
    intensity: string;
    budget: string;
    duration: string;
    direction: string;
    confidential: string;
    requester: string;
    role: string;
    waitingSince: string;
    description: string;
  };
  atTime: (time: string) => string;
  onDateAtTime: (date: string, time: string) => string;

  // The guided check
  checkTitle: string;
  intro: (organisation: string) => string;
  understood: (items: string) => string;
  progress: (n: number, total: number) => string;
  question: {
    partner: string;
    partnerType: (partner: string) => string;
    priority: string;
    intensity: string;
    budget: string;
    months: string;
    direction: string;
    confidential: (partner: string) => string;
  };
  expected: Omit<QuestionStepWords<string>, 'budget'> & { budget: (example: string) => string };
  stepHelp: QuestionStepWords<string>;
  currentAnswer: (value: string) => string;
  answeredLine: (question: string, answer: string) => string;
  noDescription: string;
  firstQuestion: string;
  staleChoice: string;
  cancelled: string;
  mandateBudget: (amount: string) => string;
  mandateMonths: (duration: string) => string;
  existing: (owner: string, unit: string | null, partner: string, what: string) => string;
  existingNear: (owner: string, unit: string | null, partner: string, what: string) => string;
  typeConditional: (type: string, organisation: string, reason: string | null) => string;
  typeExcluded: (type: string, organisation: string, reason: string | null) => string;
  noneOfThese: string;
  explorationRoom: (intensity: string, budget: string, maxActive: number) => string;
  noExploration: string;
  explorationValue: string;
  /** What an answer was read as, when it was not typed literally (a typo, a keyword, words). */
  readAs: (value: string) => string;
  /** A duration in weeks or days, counted as whole months. */
  roundedUp: (months: string) => string;
  /** Two or more options fit about equally: which one? */
  whichOne: (names: string) => string;
  /** Above the closest options, offered after an answer that fits none. */
  didYouMean: string;
  amountAmbiguous: (answer: string, example: string) => string;
  monthsAmbiguous: (answer: string) => string;
  /** "TU Delft en Deltares": one partner or two? */
  partnerWhich: (typed: string) => string;
  /** A partner type the name suggests, offered, never filled in. */
  typeFromName: (partner: string, type: string) => string;
  confidentialYes: string;
  confidentialNo: string;
  negativeNumber: string;
  tooLarge: string;
  summaryTitle: string;
  summaryIntro: string;
  submitButton: string;
  changeLabel: string;
  changeButton: string;
  confirmNo: string;
  assumedRole: (roleName: string) => string;
  answerAgain: string;

  // The check as one form
  formTitle: string;
  formButton: string;
  formIntro: string;
  formSubmit: string;
  required: string;
  invalidAmount: (example: string) => string;
  invalidMonths: string;
  /** A form's amount or duration that could be read in more than one way. */
  ambiguousNumber: (example: string) => string;
  unknownOption: string;
  partnerTooLong: (max: number) => string;
  partnerUnsafe: string;
  formInvalid: string;
  placeholder: { partner: string; budget: string; months: string };

  // The verdict
  verdictTitle: (partner: string | null) => string;
  outcome: VerdictWords<string>;
  reasonsHeading: string;
  noticesHeading: string;
  suggestionsHeading: string;
  sentTo: (name: string, roleName: string) => string;
  sentToLine: (roles: string) => string;
  registered: string;
  exceptionButton: string;
  withdrawButton: string;
  caseRef: (caseId: string) => string;

  // Cases: the decision side
  caseTitle: (partner: string) => string;
  decisionNeeded: (requester: string, roleName: string) => string;
  exceptionNeeded: (requester: string, roleName: string) => string;
  confidentialNote: string;
  confidentialPartner: string;
  existingHeading: string;
  noPriority: string;
  approveButton: string;
  rejectButton: string;
  askInfoButton: string;
  passUpButton: string;
  grantButton: string;
  refuseButton: string;
  infoAsked: (question: string) => string;
  infoAnswered: (answer: string) => string;
  stateLine: Record<CaseState, (w: StateWords) => string>;
  exceptionGranted: (w: StateWords) => string;
  exceptionRefused: (w: StateWords) => string;
  requesterUpdate: Record<CaseState, (w: StateWords) => string>;
  requesterExceptionGranted: (w: StateWords) => string;
  requesterExceptionRefused: (w: StateWords) => string;
  answerButton: string;
  channelOutcome: Record<ChannelOutcome, (w: StateWords) => string>;
  reminderTitle: string;
  reminder: (partner: string, since: string | null) => string;
  rejectFormTitle: string;
  reasonLabel: string;
  askInfoFormTitle: string;
  questionLabel: string;
  answerFormTitle: string;
  answerLabel: string;
  sendButton: string;
  textTooLong: (max: number) => string;

  // The route of a case
  /** "Besluitvormingslijn: Bram Bakker (Teamleider) ✓ → Carla Jansen (Afdelingshoofd)". */
  routeLine: (steps: string) => string;
  routeStep: (role: string, holder: string | null, status: 'done' | 'current' | 'ahead') => string;
  routeWhy: (why: string) => string;
  /** On the approver's card. */
  yourLastWord: string;
  yourEndorsement: (next: string) => string;
  /** On the verdict: the first step and what follows. */
  sentToRoute: (first: string, rest: string) => string;
  endorsedBy: (w: StateWords, next: string, lastWord: boolean) => string;
  /** Confirmation to the person who endorsed: where the case goes now. */
  endorsedNext: (next: string) => string;
  describeAsk: string;
  describeHint: string;
  descriptionAdded: string;

  // Status, who, help
  statusTitle: string;
  myCasesHeading: string;
  waitingHeading: string;
  noCases: string;
  noWaiting: string;
  more: (n: number) => string;
  caseLine: (partner: string, what: string, state: string) => string;
  waitingLine: (partner: string, requester: string, since: string | null) => string;
  openButton: string;
  whoTitle: (partner: string) => string;
  whoNone: (partner: string) => string;
  whoMissing: string;
  /** The partner in a `who` question was longer than a lookup reads. */
  whoCut: (words: number) => string;
  whoLine: (owner: string, unit: string | null, what: string) => string;
  whoNearLine: (partner: string, owner: string, unit: string | null, what: string) => string;
  helpTitle: string;
  helpIntro: string;
  helpWords: Array<{ word: string; text: string }>;
  helpOneMessage: string;
  helpDemo: string;
  /** On a card the demo's one user sees for someone else. */
  seenBy: (name: string, firstName: string) => string;
  unknownCommand: string;
  /** The first message to a person, once. */
  welcomeTitle: string;
  welcome: (organisation: string) => string;
  welcomeExample: (example: string) => string;
  exampleQuestion: (intensity: string, topic: string) => string;
  greetingBack: string;
  thanksBack: string;
  goodbyeBack: string;
  whoDidYouMean: (partner: string) => string;
  startCheckButton: string;
}
