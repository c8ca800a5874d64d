import type { ChatTexts } from '../chat-texts.js';

export const chatEn: ChatTexts = {
  notYours: () => 'A check can only be submitted for yourself.',
  exceptionSent: (who) =>
    `Your request for an exception was sent${who ? ` to ${who}` : ''}. You will hear here.`,
  withdrawn: () => 'Your proposal was withdrawn.',
  answerSent: () => 'Thank you, your answer was passed on. The case is back with the decider.',
  decided_approve: () => 'Approved. The requester and the strategy channel will hear.',
  decided_endorse: () => 'Endorsed. The case moves to the next step of the decision line.',
  decided_reject: () => 'Rejected. The requester will hear, with your reason.',
  decided_ask_info: () => 'Your question was sent to the requester. The case waits for the answer.',
  decided_pass_up: () => 'Passed up to the next step of the decision line.',
  refused_not_found: () => 'That case does not exist (any more).',
  refused_invalid_case_id: () => 'That is not a valid case number; nothing was done.',
  storeBusy: () => 'Koers is busy for a moment: nothing was recorded. Please try again shortly.',
  refused_closed: () => 'This case has already been decided.',
  refused_stale: () =>
    'This card is out of date: this step was already decided or the case changed. Here is where it stands.',
  refused_own_case: () => 'You cannot decide on your own proposal.',
  refused_not_assignee: () => 'This decision is not yours to take.',
  refused_reason_required: () => 'Please give a reason.',
  refused_no_higher_step: () =>
    'This is the highest step of the decision line: there is nobody to pass it up to.',
  refused_not_requester: () => 'Only the requester can do that.',
  refused_not_waiting_for_info: () => 'No answer from you is expected on this case.',
  refused_not_advised_against: () => 'An exception can only be asked for after an advice against.',
  refused_exception_exists: () => 'An exception was already asked for this proposal.',
  reviewSaved: () => 'Thank you, your review was saved. The alliance team sees it in the weekly digest.',
  reviewSavedEnded: () =>
    'Thank you, your review was saved and the register now records the relationship as ended.',
  reviewInvalid: (problems) => `Your review is not complete yet: ${problems ?? ''}`,
  review_not_found: () => 'That relationship is not (or no longer) in the register.',
  review_not_owner: () => 'Only the owner of the relationship can review it.',
  review_ended: () => 'This relationship has already ended.',
  review_already_reviewed: () => 'This review was already filled in.',
  demoRefused: () => '“demo as” exists only in the local demo.',
  demoUnknown: (names) => `I do not know that person. Choose from: ${names}.`,
  demoNow: (who) => `You are now ${who}. Type “status” to see what waits for you.`,
};
