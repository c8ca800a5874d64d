import { inRunningText } from '../../i18n/format.js';
import type { ConversationTexts, StateWords } from '../conversation-texts.js';

const unit = (u: string | null) => (u ? ` (${u})` : '');
const by = (w: StateWords) => (w.by ? ` door ${w.by}` : '');
const when = (w: StateWords) => (w.when ? ` ${w.when}` : '');
const holder = (w: StateWords) => (w.assignee ? `${w.assignee} (${w.roleName})` : w.roleName);
const reason = (w: StateWords) => (w.reason ? `: ${w.reason}` : '.');

export const conversationNl: ConversationTexts = {
  yes: 'Ja',
  no: 'Nee',
  backButton: 'Terug',
  cancelButton: 'Stoppen',
  controlsHint: 'Zeg terug voor de vorige vraag, stop om te stoppen, of hulp.',
  didNotUnderstand: (answer, expected) => `Ik begrijp “${answer}” niet. ${expected}`,
  lostTrack: 'Sorry, ik ben de draad van uw toets kwijt. Laten we opnieuw beginnen.',
  unknownPerson: (role) =>
    `U staat nog niet in het personenbestand; daarom behandel ik u als ${role}, de laagste rol in de strategie.`,
  unknownRole: (id, role) => `Uw rol “${id}” staat niet in de strategie; daarom behandel ik u als ${role}.`,
  relationshipStatus: { active: 'lopend', ended: 'beëindigd', planned: 'gepland' },
  direction: {
    we_need: 'Wij hebben hen nodig',
    they_need: 'Zij hebben ons nodig',
    shared: 'Een gedeelde opgave',
  },
  directionDescription: {
    we_need: (needs) => (needs ? `Wij zoeken wat zij inbrengen: ${needs}` : 'Wij zoeken wat zij inbrengen'),
    they_need: (offers) =>
      offers ? `Zij zoeken wat wij inbrengen: ${offers}` : 'Zij zoeken wat wij inbrengen',
    shared: 'Een maatschappelijke opgave die we samen oppakken',
  },
  fact: {
    partner: 'Partner',
    partnerType: 'Type partner',
    priority: 'Prioriteit',
    intensity: 'Intensiteit',
    budget: 'Budget',
    duration: 'Looptijd',
    direction: 'Wie heeft wie nodig',
    confidential: 'Vertrouwelijk',
    requester: 'Aangevraagd door',
    role: 'Uw rol',
    waitingSince: 'Wacht sinds',
    description: 'Omschrijving',
  },
  atTime: (time) => `om ${time}`,
  onDateAtTime: (date, time) => `op ${date} om ${time}`,

  checkTitle: 'Toets samenwerking',
  intro: (org) => `We toetsen een samenwerking aan de samenwerkingsstrategie van ${org}.`,
  understood: (items) => `Uit uw bericht haal ik: ${items}.`,
  progress: (n, total) => `Vraag ${n} van ${total}`,
  question: {
    partner: 'Met welke organisatie wilt u samenwerken?',
    partnerType: (partner) => `Wat voor partij is ${partner}?`,
    priority: 'Aan welke prioriteit van de strategie draagt het bij?',
    intensity: 'Hoe intensief wordt de samenwerking?',
    budget: 'Om welk budget gaat het?',
    months: 'Hoeveel maanden loopt het?',
    direction: 'Wie heeft wie nodig?',
    confidential: (partner) =>
      `Moet de naam ${partner} buiten de kanaalberichten en het weekoverzicht blijven?`,
  },
  expected: {
    partner: 'Geef de naam van de organisatie (hoogstens 200 tekens, zonder onzichtbare tekens).',
    partnerType: 'Antwoord met een nummer uit de lijst of de naam van een type.',
    priority: 'Antwoord met een nummer of naam uit de lijst, een paar woorden over het thema, of “geen”.',
    intensity: 'Antwoord met een nummer uit de lijst of de naam van een niveau.',
    budget: (example) => `Geef een bedrag, zoals ${example}, 12500 of 12,5k; 0 als er geen budget is.`,
    months: 'Geef een aantal maanden, zoals 6 of “2 jaar”.',
    direction: 'Antwoord met 1, 2 of 3.',
    confidential: 'Antwoord ja of nee.',
  },
  stepHelp: {
    partner:
      'Noem de organisatie zoals die meestal geschreven wordt, bijvoorbeeld “TU Delft” of “Gemeente Leiden”.',
    partnerType:
      'De strategie zegt met welke soorten partners we samenwerken. Met sommige alleen onder voorwaarden, met sommige niet: dat zeg ik erbij als het speelt.',
    priority:
      'De prioriteiten zijn de maatschappelijke opgaven die de strategie voorop zet. Beschrijf het thema in een paar woorden, dan zoek ik het op, of kies “geen” voor verkenning buiten de prioriteiten.',
    intensity:
      'Hoe diep de samenwerking gaat, van licht naar zwaar. Uw mandaat dekt een deel van de niveaus; hogere vragen een besluit.',
    budget:
      'Het geld dat onze organisatie inbrengt, over de hele looptijd. Uren van medewerkers hoeft u niet mee te tellen.',
    months: 'Hoe lang de samenwerking loopt vanaf de start. Een jaar is 12 maanden.',
    direction:
      'Hebben wij hen nodig voor een van onze opgaven, hebben zij ons nodig, of is het een opgave die we delen? Dat helpt de beslissers de waarde te wegen.',
    confidential:
      'Een vertrouwelijke partner wordt in de zaak genoemd voor wie beslist, maar kanaalberichten en het weekoverzicht zeggen “vertrouwelijke partner”.',
  },
  noDescription: '(geen)',
  answeredLine: (question, answer) => `${question}: ${answer} ✓`,
  currentAnswer: (value) => `Uw antwoord tot nu toe: ${value}.`,
  firstQuestion: 'Dit is de eerste vraag.',
  staleChoice: 'Die knop hoort bij een eerdere vraag.',
  cancelled: 'Gestopt: er is niets verstuurd. Zeg toets om opnieuw te beginnen.',
  mandateBudget: (amount) => `Uw mandaat gaat tot ${amount}.`,
  mandateMonths: (duration) => `Uw mandaat gaat tot ${duration}.`,
  existing: (owner, u, partner, what) => `${owner}${unit(u)} werkt al met ${partner} samen: ${what}.`,
  existingNear: (owner, u, partner, what) =>
    `${owner}${unit(u)} werkt samen met ${partner}, mogelijk dezelfde partner: ${what}.`,
  typeConditional: (type, org, r) =>
    `Let op: met een ${inRunningText(type)} werkt ${org} alleen onder voorwaarden samen${r ? `: ${r}` : ''}. De toets zegt wie daarover beslist.`,
  typeExcluded: (type, org, r) =>
    `Let op: de samenwerkingsstrategie van ${org} sluit samenwerking met een ${inRunningText(type)} uit${r ? `: ${r}` : ''}. U kunt doorgaan, maar de toets zal het afraden; u kunt dan een uitzondering vragen. Zeg terug om een ander type te kiezen.`,
  noneOfThese: 'Geen van deze (verkenning)',
  explorationRoom: (intensity, budget, max) =>
    `Telt mee in de speelruimte voor verkenning: tot ${intensity}, hoogstens ${budget}, ${max} tegelijk.`,
  noExploration: 'De strategie biedt geen speelruimte voor verkenning: de toets zal het afraden.',
  explorationValue: 'Geen (verkenning)',
  readAs: (value) => `Ik lees: ${value}.`,
  roundedUp: (months) => `Ik reken dat als ${months}: een deel van een maand telt als een hele.`,
  whichOne: (names) => `Dat past bij ${names}. Welke bedoelt u?`,
  didYouMean: 'Bedoelt u een van deze?',
  amountAmbiguous: (answer, example) =>
    `Ik weet niet zeker welk bedrag “${answer}” is. Schrijf het zoals ${example} of 12500.`,
  monthsAmbiguous: (answer) =>
    `Hoeveel maanden is “${answer}”? Geef een aantal maanden, zoals 6 of “2 jaar”.`,
  partnerWhich: (typed) =>
    `Is “${typed}” één partner, of meer? Kies de partner voor deze toets; voor een andere partner doet u daarna een eigen toets.`,
  typeFromName: (partner, type) => `Uit de naam lijkt ${partner} een ${type}. Klopt dat? Kies hieronder.`,
  confidentialYes: 'Ja, houd de naam buiten de kanalen',
  confidentialNo: 'Nee (standaard)',
  negativeNumber: 'Het kan niet lager zijn dan 0.',
  tooLarge: 'Dat is meer dan ik als antwoord kan aannemen.',
  summaryTitle: 'Uw voorstel',
  summaryIntro: 'Klopt dit? Dan toets ik het aan de strategie.',
  submitButton: 'Toetsen',
  changeLabel: 'Welk antwoord wilt u wijzigen?',
  changeButton: 'Wijzig…',
  confirmNo: 'Wat wilt u wijzigen? Kies hieronder een antwoord, zeg terug, of stop.',
  assumedRole: (role) => `${role} (aangenomen)`,
  answerAgain: 'Iets in dit antwoord past niet; geeft u het opnieuw?',

  formTitle: 'Toets samenwerking',
  formButton: 'Liever een formulier',
  formIntro: 'Vul het voorstel in; ik toets het aan de samenwerkingsstrategie.',
  formSubmit: 'Toetsen',
  required: 'Vul dit in.',
  invalidAmount: (example) => `Geef een bedrag, zoals ${example} of 12500; 0 als er geen budget is.`,
  invalidMonths: 'Geef een aantal maanden, zoals 6 of 24.',
  ambiguousNumber: (example) => `Dat kan op meer manieren gelezen worden; schrijf het zoals ${example}.`,
  unknownOption: 'Kies een van de mogelijkheden.',
  partnerTooLong: (max) => `Hoogstens ${max} tekens.`,
  partnerUnsafe: 'De naam bevat onzichtbare tekens of stuurtekens.',
  formInvalid: 'Een paar antwoorden vragen nog aandacht.',
  placeholder: { partner: 'bijv. TU Delft', budget: 'bijv. 12500', months: 'bijv. 12' },

  verdictTitle: (partner) => (partner ? `Uitkomst van de toets: ${partner}` : 'Uitkomst van de toets'),
  outcome: {
    within_mandate: 'Binnen uw mandaat: u kunt verder.',
    escalate: 'Hiervoor is een besluit op de besluitvormingslijn nodig.',
    outside_strategy: 'Afgeraden: dit past niet in de samenwerkingsstrategie.',
  },
  reasonsHeading: 'Waarom',
  noticesHeading: 'Goed om te weten',
  suggestionsHeading: 'Wat het passend maakt',
  sentTo: (name, role) => `Voorgelegd aan ${name} (${role}); u hoort het hier.`,
  sentToLine: (roles) => `Voorgelegd op de besluitvormingslijn (${roles}); u hoort het hier.`,
  registered: 'Vastgelegd in het samenwerkingsportfolio.',
  exceptionButton: 'Vraag een uitzondering',
  withdrawButton: 'Intrekken',
  caseRef: (id) => `Zaak ${id}`,

  caseTitle: (partner) => `Samenwerking met ${partner}`,
  decisionNeeded: (requester, role) => `${requester} vraagt om een besluit. U beslist als ${role}.`,
  exceptionNeeded: (requester, role) =>
    `${requester} vraagt een uitzondering op de samenwerkingsstrategie. U beslist als ${role}.`,
  confidentialNote: 'Vertrouwelijke partner: de naam blijft buiten de kanaalberichten en het weekoverzicht.',
  confidentialPartner: 'vertrouwelijke partner',
  existingHeading: 'Bestaande samenwerkingen met deze partner',
  noPriority: 'Geen (verkenning)',
  approveButton: 'Goedkeuren',
  rejectButton: 'Afwijzen',
  askInfoButton: 'Vraag informatie',
  passUpButton: 'Doorzetten',
  grantButton: 'Uitzondering toestaan',
  refuseButton: 'Uitzondering weigeren',
  infoAsked: (q) => `Gevraagd: ${q}`,
  infoAnswered: (a) => `Antwoord: ${a}`,
  stateLine: {
    open: (w) => `Wacht op een besluit van ${holder(w)}.`,
    info_requested: (w) => `Meer informatie gevraagd${by(w)}${w.question ? `: ${w.question}` : '.'}`,
    approved: (w) => `Goedgekeurd${by(w)}${when(w)}.`,
    rejected: (w) => `Afgewezen${by(w)}${when(w)}${reason(w)}`,
    withdrawn: (w) => `Ingetrokken${when(w)}.`,
    registered: (w) => `Vastgelegd in het portfolio${when(w)}.`,
    advised_against: () => 'Afgeraden door de toets.',
    exception_requested: (w) => `Uitzondering gevraagd; wacht op ${holder(w)}.`,
  },
  exceptionGranted: (w) => `Uitzondering toegestaan${by(w)}${when(w)}.`,
  exceptionRefused: (w) => `Uitzondering geweigerd${by(w)}${when(w)}${reason(w)}`,
  requesterUpdate: {
    open: (w) => `Uw voorstel voor ${w.partner} ligt nu bij ${holder(w)}.`,
    info_requested: (w) =>
      `${w.by || 'De beslisser'} vraagt meer informatie over uw voorstel voor ${w.partner}${w.question ? `: ${w.question}` : '.'}`,
    approved: (w) =>
      `Uw voorstel voor ${w.partner} is goedgekeurd${by(w)}${when(w)}. Het is vastgelegd in het portfolio.`,
    rejected: (w) => `Uw voorstel voor ${w.partner} is afgewezen${by(w)}${when(w)}${reason(w)}`,
    withdrawn: (w) => `Uw voorstel voor ${w.partner} is ingetrokken.`,
    registered: (w) => `Uw samenwerking met ${w.partner} is vastgelegd in het portfolio.`,
    advised_against: (w) => `De toets raadt uw voorstel voor ${w.partner} af.`,
    exception_requested: (w) => `Uw verzoek om een uitzondering voor ${w.partner} ligt bij ${holder(w)}.`,
  },
  requesterExceptionGranted: (w) =>
    `Uw uitzondering voor ${w.partner} is toegestaan${by(w)}${when(w)}. Het is vastgelegd in het portfolio.`,
  requesterExceptionRefused: (w) =>
    `Uw uitzondering voor ${w.partner} is geweigerd${by(w)}${when(w)}${reason(w)}`,
  answerButton: 'Beantwoorden',
  channelOutcome: {
    registered: (w) => `Vastgelegd binnen mandaat: ${w.partner}.`,
    approved: (w) => `Goedgekeurd${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    rejected: (w) => `Afgewezen${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    exception_granted: (w) =>
      `Uitzondering toegestaan${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
    exception_refused: (w) =>
      `Uitzondering geweigerd${by(w)}${w.roleName ? ` (${w.roleName})` : ''}: ${w.partner}.`,
  },
  reminderTitle: 'Herinnering: er wacht een besluit',
  reminder: (partner, since) =>
    `Het voorstel voor ${partner} wacht op uw besluit${since ? ` sinds ${since}` : ''}.`,
  rejectFormTitle: 'Voorstel afwijzen',
  reasonLabel: 'Waarom? De aanvrager leest dit.',
  askInfoFormTitle: 'Vraag informatie',
  questionLabel: 'Wat wilt u weten?',
  answerFormTitle: 'Beantwoord de vraag',
  answerLabel: 'Uw antwoord',
  sendButton: 'Versturen',
  textTooLong: (max) => `Hoogstens ${max} tekens.`,

  routeLine: (steps) => `Besluitvormingslijn: ${steps}`,
  routeStep: (role, holder, status) =>
    `${holder ? `${holder} (${role})` : role}${status === 'done' ? ' ✓' : status === 'current' ? ' (nu)' : ''}`,
  routeWhy: (why) => `Waarom deze stappen: ${why}.`,
  yourLastWord: 'Uw besluit is het laatste woord.',
  yourEndorsement: (next) => `Uw goedkeuring is een aanbeveling; daarna beslist ${next}.`,
  sentToRoute: (first, rest) =>
    `Voorgelegd aan ${first}${rest ? `, daarna aan ${rest}` : ''}. U hoort het hier bij elke stap.`,
  endorsedBy: (w, next, last) =>
    `${w.by || 'De beslisser'} heeft uw voorstel voor ${w.partner} onderschreven${when(w)}. Het ligt nu bij ${next}${last ? ', die het laatste woord heeft' : ''}.`,
  endorsedNext: (next) => `Onderschreven. De zaak ligt nu bij ${next}; de aanvrager hoort het.`,
  describeAsk:
    'Wilt u er een korte omschrijving bij, voor wie beslist? Typ dan hier in een paar zinnen wat u samen gaat doen (niet verplicht).',
  describeHint:
    'Wat u samen gaat doen, in uw eigen woorden: wie beslist leest het naast de feiten. Niet verplicht.',
  descriptionAdded: 'Omschrijving toegevoegd.',

  statusTitle: 'Uw stand van zaken',
  myCasesHeading: 'Uw voorstellen',
  waitingHeading: 'Besluiten die op u wachten',
  noCases: 'U heeft geen lopende voorstellen.',
  noWaiting: 'Er wachten geen besluiten op u.',
  more: (n) => `en nog ${n}`,
  caseLine: (partner, what, state) => `${partner} (${what}): ${state}`,
  waitingLine: (partner, requester, since) =>
    `${partner}, gevraagd door ${requester}${since ? `, wacht sinds ${since}` : ''}`,
  openButton: 'Openen',
  whoTitle: (partner) => `Wie werkt met ${partner}?`,
  whoNone: (partner) => `Het portfolio kent geen samenwerking met ${partner}.`,
  whoMissing: 'Welke partner? Bijvoorbeeld: wie Deltares',
  whoCut: (words) =>
    `Een partnernaam is hoogstens ${words} woorden: ik heb alleen op de eerste ${words} gezocht.`,
  whoLine: (owner, u, what) => `${owner}${unit(u)}: ${what}`,
  whoNearLine: (partner, owner, u, what) =>
    `${partner} (mogelijk dezelfde partner): ${owner}${unit(u)}, ${what}`,
  helpTitle: 'Koers: de samenwerkingsstrategie in de chat',
  helpIntro: 'U kunt zeggen (in het Nederlands of Engels):',
  helpWords: [
    { word: 'toets', text: 'toets of u een samenwerking mag aangaan; ik vraag stap voor stap' },
    { word: 'status', text: 'uw voorstellen en de besluiten die op u wachten' },
    { word: 'wie PARTNER', text: 'wie al met een partner samenwerkt' },
    { word: 'portfolio', text: 'een overzicht van het samenwerkingsportfolio' },
    { word: 'hulp', text: 'dit overzicht' },
  ],
  helpOneMessage:
    'U kunt het ook in één bericht vragen, bijvoorbeeld: “mag ik met TU Delft een project over energie starten?”',
  seenBy: (name, first) => `Zo ziet ${name} dit; typ “demo als ${first}” om te beslissen.`,
  helpDemo: 'Demo: met “demo als NAAM” doet u zich voor als iemand uit de demopersonen.',
  unknownCommand: 'Dat begrijp ik niet. Zeg toets, status, wie PARTNER, portfolio of hulp.',
  welcomeTitle: 'Welkom bij Koers',
  welcome: (org) =>
    `Ik help u samenwerkingen te toetsen aan de samenwerkingsstrategie van ${org}: of u zelf verder kunt, wie erover beslist, of dat het niet past.`,
  welcomeExample: (example) => `Vraag het gewoon, bijvoorbeeld: “${example}” Typ hulp voor alles wat ik kan.`,
  exampleQuestion: (intensity, topic) => `mag ik met TU Delft een ${intensity} over ${topic} starten?`,
  greetingBack: 'Hallo! Waarmee kan ik u helpen?',
  thanksBack: 'Graag gedaan.',
  goodbyeBack: 'Tot ziens! Typ hulp als u me weer nodig hebt.',
  whoDidYouMean: (partner) => `Het portfolio kent geen samenwerking met ${partner}. Bedoelt u een van deze?`,
  startCheckButton: 'Start een toets',
};
