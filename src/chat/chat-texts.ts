// Short answers of the chat glue (refusals, confirmations), in Dutch and English.
import { buildView, text } from '../conversation/build-view.js';
import type { View } from '../conversation/index.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';

type Text = (arg?: string) => string;

const nl = {
  notYours: () => 'Een toets kan alleen voor uzelf worden ingediend.',
  exceptionSent: (who) =>
    `Uw verzoek om een uitzondering is doorgestuurd${who ? ` naar ${who}` : ''}. U hoort het hier.`,
  withdrawn: () => 'Uw voorstel is ingetrokken.',
  answerSent: () => 'Dank u, uw antwoord is doorgestuurd. De zaak ligt weer bij de beslisser.',
  decided_approve: () => 'Goedgekeurd. De aanvrager en het strategiekanaal horen het.',
  decided_endorse: () => 'Onderschreven. De zaak gaat naar de volgende stap van de besluitvormingslijn.',
  decided_reject: () => 'Afgewezen. De aanvrager hoort het, met uw reden.',
  decided_ask_info: () => 'Uw vraag is naar de aanvrager gestuurd. De zaak wacht op het antwoord.',
  decided_pass_up: () => 'Doorgezet naar de volgende stap van de besluitvormingslijn.',
  refused_not_found: () => 'Die zaak bestaat niet (meer).',
  refused_invalid_case_id: () => 'Dat is geen geldig zaaknummer; er is niets gedaan.',
  storeBusy: () => 'Koers is even bezet: er is niets vastgelegd. Probeer het zo nog eens.',
  refused_closed: () => 'Over deze zaak is al beslist.',
  refused_stale: () =>
    'Deze kaart is verouderd: over deze stap is al beslist of de zaak is veranderd. Hieronder de huidige stand.',
  refused_own_case: () => 'U kunt niet beslissen over uw eigen voorstel.',
  refused_not_assignee: () => 'Deze beslissing ligt niet bij u.',
  refused_reason_required: () => 'Geef een reden op.',
  refused_no_higher_step: () => 'Dit is de hoogste stap van de besluitvormingslijn: doorzetten kan niet.',
  refused_not_requester: () => 'Alleen de aanvrager kan dat doen.',
  refused_not_waiting_for_info: () => 'Op deze zaak wordt geen antwoord van u verwacht.',
  refused_not_advised_against: () => 'Een uitzondering kan alleen worden gevraagd bij een negatief advies.',
  refused_exception_exists: () => 'Voor dit voorstel is al een uitzondering gevraagd.',
  reviewSaved: () => 'Dank u, uw evaluatie is opgeslagen. Het alliantieteam ziet haar in de weekdigest.',
  reviewSavedEnded: () =>
    'Dank u, uw evaluatie is opgeslagen en de samenwerking staat nu als beëindigd in het register.',
  reviewInvalid: (problems) => `Uw evaluatie is nog niet compleet: ${problems ?? ''}`,
  review_not_found: () => 'Die samenwerking staat niet (meer) in het register.',
  review_not_owner: () => 'Alleen de eigenaar van de samenwerking kan haar evalueren.',
  review_ended: () => 'Deze samenwerking is al beëindigd.',
  review_already_reviewed: () => 'Deze evaluatie is al ingevuld.',
  demoRefused: () => '“demo als” bestaat alleen in de lokale demo.',
  demoUnknown: (names) => `Die persoon ken ik niet. Kies uit: ${names}.`,
  demoNow: (who) => `U bent nu ${who}. Typ “status” om te zien wat er op u wacht.`,
} satisfies Record<string, Text>;

/** Every short answer; a key without a text in each language fails the type check. */
export type ChatTextKey = keyof typeof nl;

const en: Record<ChatTextKey, Text> = {
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

export function chatText(locale: Locale, key: ChatTextKey, arg?: string): View {
  const t: Text = (locale === 'nl' ? nl : en)[key];
  return buildView('notice', [text(t(arg))]);
}
