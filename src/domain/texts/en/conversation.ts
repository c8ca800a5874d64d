import { inRunningText } from '../../i18n/format.js';
import type { ConversationTexts, StateWords } from '../conversation-texts.js';

const unit = (u: string | null) => (u ? ` (${u})` : '');
const by = (w: StateWords) => (w.by ? ` by ${w.by}` : '');
const when = (w: StateWords) => (w.when ? ` ${w.when}` : '');
const holder = (w: StateWords) => (w.assignee ? `${w.assignee} (${w.roleName})` : w.roleName);
const reason = (w: StateWords) => (w.reason ? `: ${w.reason}` : '.');

export const conversationEn: ConversationTexts = {
  yes: 'Yes',
  no: 'No',
  backButton: 'Back',
  cancelButton: 'Cancel',
  controlsHint: 'Say back for the previous question, cancel to stop, or help.',
  didNotUnderstand: (answer, expected) => `I did not understand “${answer}”. ${expected}`,
  lostTrack: 'Sorry, I lost track of your check. Let us start again.',
  unknownPerson: (role) =>
    `You are not in the people directory yet, so I treat you as ${role}, the lowest role in the strategy.`,
  unknownRole: (id, role) => `Your role “${id}” is not in the strategy, so I treat you as ${role}.`,
  relationshipStatus: { active: 'active', ended: 'ended', planned: 'planned' },
  direction: { we_need: 'We need them', they_need: 'They need us', shared: 'A shared task' },
  directionDescription: {
    we_need: (needs) => (needs ? `We look for what they bring: ${needs}` : 'We look for what they bring'),
    they_need: (offers) =>
      offers ? `They look for what we bring: ${offers}` : 'They look for what we bring',
    shared: 'A societal task we take on together',
  },
  fact: {
    partner: 'Partner',
    partnerType: 'Type of partner',
    priority: 'Priority',
    intensity: 'Intensity',
    budget: 'Budget',
    duration: 'Duration',
    direction: 'Who needs whom',
    confidential: 'Confidential',
    requester: 'Requested by',
    role: 'Your role',
    waitingSince: 'Waiting since',
    description: 'Description',
  },
  atTime: (time) => `at ${time}`,
  onDateAtTime: (date, time) => `on ${date} at ${time}`,

  checkTitle: 'Partnership check',
  intro: (org) => `Let us check a partnership against the collaboration strategy of ${org}.`,
  understood: (items) => `From your message I understood: ${items}.`,
  progress: (n, total) => `Question ${n} of ${total}`,
  question: {
    partner: 'Which organisation do you want to work with?',
    partnerType: (partner) => `What kind of party is ${partner}?`,
    priority: 'Which priority of the strategy does it serve?',
    intensity: 'How intensive will the collaboration be?',
    budget: 'What budget is involved?',
    months: 'How many months will it run?',
    direction: 'Who needs whom?',
    confidential: (partner) => `Should the name ${partner} stay out of channel summaries and the digest?`,
  },
  expected: {
    partner: 'Give the name of the organisation (at most 200 characters, no invisible characters).',
    partnerType: 'Answer with a number from the list or the name of a type.',
    priority: 'Answer with a number or a name from the list, a few words about the theme, or “none”.',
    intensity: 'Answer with a number from the list or the name of a level.',
    budget: (example) => `Give an amount, such as ${example}, 12500 or 12.5k; 0 if there is no budget.`,
    months: 'Give a number of months, such as 6 or “2 years”.',
    direction: 'Answer with 1, 2 or 3.',
    confidential: 'Answer yes or no.',
  },
  stepHelp: {
    partner: 'Name the organisation as it is usually written, for example “TU Delft” or “Gemeente Leiden”.',
    partnerType:
      'The strategy says which kinds of partners we work with. Some only on conditions, some not at all: I will tell you when that applies.',
    priority:
      'The priorities are the societal tasks the strategy puts first. Describe the theme in a few words and I will look it up, or pick “none” for exploration outside the priorities.',
    intensity:
      'How deep the collaboration goes, from light to heavy. Your mandate covers some levels; higher ones need a decision.',
    budget:
      'The money our organisation puts in, over the whole duration. Hours of staff need not be counted.',
    months: 'How long the collaboration runs from its start. A year is 12 months.',
    direction:
      'Do we need them for one of our tasks, do they need us, or is it a task we share with them? It helps the decision makers judge the value.',
    confidential:
      'A confidential partner is named in the case for the people who decide, but channel summaries and the weekly digest say “confidential partner” instead.',
  },
  noDescription: '(none)',
  answeredLine: (question, answer) => `${question}: ${answer} ✓`,
  currentAnswer: (value) => `Your answer so far: ${value}.`,
  firstQuestion: 'This is the first question.',
  staleChoice: 'That button belongs to an earlier question.',
  cancelled: 'Stopped: nothing was sent. Say check to start again.',
  mandateBudget: (amount) => `Your mandate goes up to ${amount}.`,
  mandateMonths: (duration) => `Your mandate goes up to ${duration}.`,
  existing: (owner, u, partner, what) => `${owner}${unit(u)} already works with ${partner}: ${what}.`,
  existingNear: (owner, u, partner, what) =>
    `${owner}${unit(u)} works with ${partner}, possibly the same partner: ${what}.`,
  typeConditional: (type, org, r) =>
    `Note: ${org} works with a ${inRunningText(type)} only on conditions${r ? `: ${r}` : ''}. The check will tell you who decides on that.`,
  typeExcluded: (type, org, r) =>
    `Note: the collaboration strategy of ${org} excludes working with a ${inRunningText(type)}${r ? `: ${r}` : ''}. You may go on, but the check will advise against it; you can then ask for an exception. Say back to choose another type.`,
  noneOfThese: 'None of these (exploration)',
  explorationRoom: (intensity, budget, max) =>
    `Counts against the room for exploration: up to ${intensity}, at most ${budget}, ${max} at a time.`,
  noExploration: 'The strategy leaves no room for exploration: the check will advise against it.',
  explorationValue: 'None (exploration)',
  readAs: (value) => `I read that as: ${value}.`,
  roundedUp: (months) => `I count that as ${months}: part of a month counts as a whole one.`,
  whichOne: (names) => `That fits ${names}. Which one do you mean?`,
  didYouMean: 'Did you mean one of these?',
  amountAmbiguous: (answer, example) =>
    `I am not sure which amount “${answer}” is. Write it as ${example} or 12500.`,
  monthsAmbiguous: (answer) =>
    `How many months is “${answer}”? Give a number of months, such as 6 or “2 years”.`,
  partnerWhich: (typed) =>
    `Is “${typed}” one partner, or more? Choose the partner for this check; for another partner, do a check of its own afterwards.`,
  typeFromName: (partner, type) =>
    `From its name, ${partner} looks like a ${type}. Is that right? Choose below.`,
  confidentialYes: 'Yes, keep the name out of channels',
  confidentialNo: 'No (the default)',
  negativeNumber: 'It cannot be below 0.',
  tooLarge: 'That is more than I can take as an answer.',
  summaryTitle: 'Your proposal',
  summaryIntro: 'Is this right? Then I check it against the strategy.',
  submitButton: 'Check it',
  changeLabel: 'Which answer would you like to change?',
  changeButton: 'Change…',
  confirmNo: 'What would you like to change? Pick an answer below, say back, or cancel.',
  assumedRole: (role) => `${role} (assumed)`,
  answerAgain: 'Something in this answer does not fit; please give it again.',

  formButton: 'Use a form instead',
  formTitle: 'Partnership check',
  formIntro: 'Fill in the proposal; I check it against the collaboration strategy.',
  formSubmit: 'Check',
  required: 'Please fill this in.',
  invalidAmount: (example) => `Give an amount, such as ${example} or 12500; 0 if there is no budget.`,
  invalidMonths: 'Give a number of months, such as 6 or 24.',
  ambiguousNumber: (example) => `That can be read in more than one way; write it as ${example}.`,
  unknownOption: 'Choose one of the options.',
  partnerTooLong: (max) => `At most ${max} characters.`,
  partnerUnsafe: 'The name contains invisible or control characters.',
  formInvalid: 'Some answers need another look.',
  placeholder: { partner: 'e.g. TU Delft', budget: 'e.g. 12500', months: 'e.g. 12' },

  verdictTitle: (partner) => (partner ? `Outcome of the check: ${partner}` : 'Outcome of the check'),
  outcome: {
    within_mandate: 'Within your mandate: you may go ahead.',
    escalate: 'This needs a decision on the decision line.',
    outside_strategy: 'Advised against: this does not fit the collaboration strategy.',
  },
  reasonsHeading: 'Why',
  noticesHeading: 'Good to know',
  suggestionsHeading: 'What would make it fit',
  sentTo: (name, role) => `Sent to ${name} (${role}); you will hear the outcome here.`,
  sentToLine: (roles) => `Sent up the decision line (${roles}); you will hear the outcome here.`,
  registered: 'Registered in the portfolio.',
  exceptionButton: 'Ask for an exception',
  withdrawButton: 'Withdraw',
  caseRef: (id) => `Case ${id}`,

  caseTitle: (partner) => `Partnership with ${partner}`,
  decisionNeeded: (requester, role) => `${requester} asks for a decision. You decide as ${role}.`,
  exceptionNeeded: (requester, role) =>
    `${requester} asks for an exception to the collaboration strategy. You decide as ${role}.`,
  confidentialNote: 'Confidential partner: the name stays out of channel summaries and the digest.',
  confidentialPartner: 'confidential partner',
  existingHeading: 'Existing relationships with this partner',
  noPriority: 'None (exploration)',
  approveButton: 'Approve',
  rejectButton: 'Reject',
  askInfoButton: 'Ask for information',
  passUpButton: 'Pass up',
  grantButton: 'Grant exception',
  refuseButton: 'Refuse exception',
  infoAsked: (q) => `Asked: ${q}`,
  infoAnswered: (a) => `Answer: ${a}`,
  stateLine: {
    open: (w) => `Waiting for a decision by ${holder(w)}.`,
    info_requested: (w) => `More information asked${by(w)}${w.question ? `: ${w.question}` : '.'}`,
    approved: (w) => `Approved${by(w)}${when(w)}.`,
    rejected: (w) => `Rejected${by(w)}${when(w)}${reason(w)}`,
    withdrawn: (w) => `Withdrawn${when(w)}.`,
    registered: (w) => `Registered in the portfolio${when(w)}.`,
    advised_against: () => 'Advised against by the check.',
    exception_requested: (w) => `Exception requested; waiting for ${holder(w)}.`,
  },
  exceptionGranted: (w) => `Exception granted${by(w)}${when(w)}.`,
  exceptionRefused: (w) => `Exception refused${by(w)}${when(w)}${reason(w)}`,
  requesterUpdate: {
    open: (w) => `Your proposal for ${w.partner} is now with ${holder(w)}.`,
    info_requested: (w) =>
      `${w.by || 'The decision maker'} asks for more information about your proposal for ${w.partner}${w.question ? `: ${w.question}` : '.'}`,
    approved: (w) =>
      `Your proposal for ${w.partner} was approved${by(w)}${when(w)}. It is registered in the portfolio.`,
    rejected: (w) => `Your proposal for ${w.partner} was rejected${by(w)}${when(w)}${reason(w)}`,
    withdrawn: (w) => `Your proposal for ${w.partner} is withdrawn.`,
    registered: (w) => `Your partnership with ${w.partner} is registered in the portfolio.`,
    advised_against: (w) => `The check advises against your proposal for ${w.partner}.`,
    exception_requested: (w) => `Your request for an exception for ${w.partner} is with ${holder(w)}.`,
  },
  requesterExceptionGranted: (w) =>
    `Your exception for ${w.partner} was granted${by(w)}${when(w)}. It is registered in the portfolio.`,
  requesterExceptionRefused: (w) =>
    `Your exception for ${w.partner} was refused${by(w)}${when(w)}${reason(w)}`,
  answerButton: 'Answer',
  channelOutcome: {
    registered: (w) => `Registered within mandate: ${w.partner}.`,
    approved: (w) => `Approved${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    rejected: (w) => `Rejected${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    exception_granted: (w) =>
      `Exception granted${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    exception_refused: (w) =>
      `Exception refused${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
  },
  reminderTitle: 'Reminder: a decision is waiting',
  reminder: (partner, since) =>
    `The proposal for ${partner} is waiting for your decision${since ? ` since ${since}` : ''}.`,
  rejectFormTitle: 'Reject the proposal',
  reasonLabel: 'Why? The requester will read this.',
  askInfoFormTitle: 'Ask for information',
  questionLabel: 'What would you like to know?',
  answerFormTitle: 'Answer the question',
  answerLabel: 'Your answer',
  sendButton: 'Send',
  textTooLong: (max) => `At most ${max} characters.`,

  routeLine: (steps) => `Decision line: ${steps}`,
  routeStep: (role, holder, status) =>
    `${holder ? `${holder} (${role})` : role}${status === 'done' ? ' ✓' : status === 'current' ? ' (now)' : ''}`,
  routeWhy: (why) => `Why these steps: ${why}.`,
  yourLastWord: 'Your decision is the last word.',
  yourEndorsement: (next) => `Your approval endorses it; then ${next} decides.`,
  sentToRoute: (first, rest) =>
    `Sent to ${first}${rest ? `, then to ${rest}` : ''}. You will hear about every step here.`,
  endorsedBy: (w, next, last) =>
    `${w.by || 'The decider'} endorsed your proposal for ${w.partner}${when(w)}. It is now with ${next}${last ? ', who has the last word' : ''}.`,
  endorsedNext: (next) => `Endorsed. The case is now with ${next}; the requester is told.`,
  describeAsk:
    'Would you add a short description for whoever decides? Then type a few sentences here on what you will do together (optional).',
  describeHint:
    'What you will do together, in your own words: whoever decides reads it beside the facts. Optional.',
  descriptionAdded: 'Description added.',

  statusTitle: 'Your status',
  myCasesHeading: 'Your proposals',
  waitingHeading: 'Decisions waiting for you',
  noCases: 'You have no open proposals.',
  noWaiting: 'No decisions are waiting for you.',
  more: (n) => `and ${n} more`,
  caseLine: (partner, what, state) => `${partner} (${what}): ${state}`,
  waitingLine: (partner, requester, since) =>
    `${partner}, asked by ${requester}${since ? `, waiting since ${since}` : ''}`,
  openButton: 'Open',
  whoTitle: (partner) => `Who works with ${partner}?`,
  whoNone: (partner) => `The portfolio has no relationship with ${partner}.`,
  whoMissing: 'Which partner? For example: who Deltares',
  whoCut: (words) => `A partner name has at most ${words} words: I looked up the first ${words} only.`,
  whoLine: (owner, u, what) => `${owner}${unit(u)}: ${what}`,
  whoNearLine: (partner, owner, u, what) =>
    `${partner} (possibly the same partner): ${owner}${unit(u)}, ${what}`,
  helpTitle: 'Koers: the collaboration strategy in chat',
  helpIntro: 'You can say (in English or Dutch):',
  helpWords: [
    { word: 'check', text: 'check whether you may start a partnership; I ask step by step' },
    { word: 'status', text: 'your proposals and the decisions waiting for you' },
    { word: 'who PARTNER', text: 'who already works with a partner' },
    { word: 'portfolio', text: 'a summary of the portfolio' },
    { word: 'help', text: 'this overview' },
  ],
  helpOneMessage:
    'You may also ask in one message, for example: “can I start a project with Deltares on water?”',
  seenBy: (name, first) => `This is how ${name} sees it; type “demo as ${first}” to decide.`,
  helpDemo: 'Demo: “demo as NAME” lets you act as someone from the demo people.',
  unknownCommand: 'I did not understand that. Say check, status, who PARTNER, portfolio or help.',
  welcomeTitle: 'Welcome to Koers',
  welcome: (org) =>
    `I help you check partnerships against the collaboration strategy of ${org}: whether you may go ahead, who decides, or whether it does not fit.`,
  welcomeExample: (example) => `Just ask, for example: “${example}” Type help for everything I can do.`,
  exampleQuestion: (intensity, topic) => `can I start a ${intensity} with TU Delft on ${topic}?`,
  greetingBack: 'Hello! How can I help?',
  thanksBack: 'You are welcome.',
  goodbyeBack: 'Goodbye! Type help when you need me again.',
  whoDidYouMean: (partner) => `The portfolio has no relationship with ${partner}. Did you mean one of these?`,
  startCheckButton: 'Start a check',
};
