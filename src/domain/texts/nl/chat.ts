import type { ChatText } from '../chat-texts.js';

export const chatNl = {
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
} satisfies Record<string, ChatText>;
