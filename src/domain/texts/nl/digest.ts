import { countOf as n } from '../count-words.js';
import type { RuleWords, WeightWords } from '../text-keys.js';

export const digestNl = {
  title: (label: string) => `Portfoliodigest ${label}`,
  runningTitle: (label: string) => `Portfoliodigest ${label} tot nu toe`,
  periodLine: (from: string, to: string, org: string) => `${org} · van ${from} tot ${to}`,
  runningPeriodLine: (from: string, now: string, org: string) => `${org} · van ${from} tot nu (${now})`,
  runningNote: (when: string) =>
    `Een tussenstand: de weekdigest over deze periode volgt op ${when}, met de cijfers van de hele week.`,
  at: (date: string, time: string) => `${date} om ${time}`,
  confidential: 'vertrouwelijke partner',
  exploration: 'Verkenning (geen prioriteit)',
  weight: { high: 'hoog', medium: 'middel', low: 'laag' } as WeightWords<string>,
  flag: {
    under_invested: 'weinig geïnvesteerd voor een hoge prioriteit',
    over_invested: 'veel geïnvesteerd voor een lage prioriteit',
  },
  flagShort: { under_invested: 'weinig', over_invested: 'veel' },
  chartTitle: (label: string) => `Portfolio per prioriteit en intensiteit · ${label}`,
  chartSubtitle: (c: number, budget: string) =>
    `${n(c, 'actieve samenwerking', 'actieve samenwerkingen')} · ${budget}`,
  hours: (h: number) => (h < 48 ? `${h} uur` : `${Math.floor(h / 24)} dagen`),
  none: 'geen',
  sections: {
    week: 'Deze week',
    waiting: 'Wacht op een besluit',
    portfolio: 'Portfolio en prioriteiten',
    fragmentation: 'Versnippering',
    value: 'Waarde',
    calibration: 'IJken van de strategie',
  },
  week: {
    checks: 'Toetsen',
    checksValue: (t: number, w: number, e: number, o: number) =>
      `${t} (${w} binnen mandaat, ${e} escalatie, ${o} buiten strategie)`,
    decisions: 'Besluiten',
    decisionsValue: (a: number, r: number, g: number, f: number) =>
      `${a} goedgekeurd, ${r} afgewezen; uitzonderingen: ${g} verleend, ${f} geweigerd`,
    registered: 'Nieuwe samenwerkingen',
    imported: (n: number) => ` (plus ${n} geïmporteerd)`,
    ended: 'Beëindigd',
    newNames: 'Nieuw',
    endedNames: 'Beëindigd',
  },
  waiting: {
    open: 'Open zaken',
    past: (h: number) => `Langer dan ${h} uur op één stap`,
    line: (id: number, partner: string, age: string, step: string, holder: string, past: boolean) =>
      `#${id} ${partner}: ${age} oud, stap ${step}, bij ${holder}${past ? ' (over de doorschuiftermijn)' : ''}`,
    awaitingAnswer: 'wacht op antwoord van',
    nobody: 'niemand',
    noneOpen: 'Er wacht niets op een besluit.',
  },
  portfolio: {
    active: 'Actieve samenwerkingen',
    activeValue: (c: number, budget: string) => `${n(c, 'samenwerking', 'samenwerkingen')} · ${budget}`,
    row: (c: number, budget: string, share: string, expected: string) =>
      `${n(c, 'samenwerking', 'samenwerkingen')} · ${budget} · ${share} van het budget op prioriteiten · ${expected} naar gewicht`,
    summaryRow: (c: number, budget: string, share: string) =>
      `${n(c, 'samenwerking', 'samenwerkingen')} · ${budget} · ${share} van het budget op prioriteiten`,
    explorationValue: (c: number, share: string, left: string) =>
      `${n(c, 'samenwerking', 'samenwerkingen')} (${share} van alle actieve); ruimte over: ${left}`,
    unknownLabel: 'Prioriteit niet (meer) in de strategie',
    unknownValue: (c: number, budget: string) => `${n(c, 'samenwerking', 'samenwerkingen')} · ${budget}`,
    left: (left: number, max: number) => `${left} van ${max}`,
    noAllowance: 'geen speelruimte in de strategie',
    unknown: (n: number) => `${n} samenwerkingen op een prioriteit die niet (meer) in de strategie staat`,
    tooSmall: 'Te weinig samenwerkingen op prioriteiten om iets te signaleren.',
    flagsNote:
      'Signaal: hoog gewicht met minder dan de helft van het aandeel dat het gewicht geeft, of laag gewicht met meer dan het dubbele.',
  },
  fragmentation: {
    partners: (c: number) =>
      `${n(c, 'partner', 'partners')} met meerdere samenwerkingen verspreid over afdelingen of eigenaren`,
    partnerLine: (name: string, c: number, units: number, owners: number) =>
      `${name}: ${n(c, 'samenwerking', 'samenwerkingen')}, ${n(units, 'afdeling', 'afdelingen')}, ${n(owners, 'eigenaar', 'eigenaren')}`,
    units: 'Afdelingen met de meeste partners',
    unitLine: (unit: string, partners: number, c: number) =>
      `${unit}: ${n(partners, 'partner', 'partners')} (${n(c, 'samenwerking', 'samenwerkingen')})`,
    none: 'Geen partner heeft samenwerkingen verspreid over afdelingen of eigenaren.',
    andMore: (c: number) => `en ${n(c, 'andere partner', 'andere partners')}`,
  },
  value: {
    reviews: 'Evaluaties deze week',
    reviewsValue: (n: number, c: number, a: number, e: number) =>
      `${n} (voortzetten ${c}, bijstellen ${a}, beëindigen ${e})`,
    rating: 'Gemiddelde bijdrage (1-5)',
    due: 'Evaluatie verlopen',
    never: 'Nog nooit geëvalueerd',
    outcome: { continue: 'voortzetten', adjust: 'bijstellen', end: 'beëindigen' },
    line: (partner: string, outcome: string, rating: string, delivered: string) =>
      `${partner}: ${outcome}, ${rating}. ${delivered}`,
    ratingOf: (r: number | null) => (r === null ? 'geen cijfer' : `cijfer ${r}`),
  },
  calibration: {
    themes: (weeks: number) => `Thema's die het vaakst escaleren (${weeks} weken)`,
    themeLine: (name: string, e: number, n: number, rate: string) =>
      `${name}: ${e} van ${n} toetsen (${rate})`,
    rules: (weeks: number) => `Regels die het vaakst gelden (${weeks} weken)`,
    ruleLine: (name: string, n: number) => `${name} ${n}×`,
    never: (weeks: number) => `Nooit gebruikt in ${weeks} weken`,
    neverWeek: 'Niet gebruikt deze week',
    exceptions: (weeks: number) => `Uitzonderingen (${weeks} weken)`,
    exceptionsValue: (g: number, r: number) => `${g} verleend, ${r} geweigerd`,
    pinch: 'Mandaten die knellen',
    pinchLine: (role: string, what: string, limit: string, near: number, over: number) =>
      `${role}, ${what} ${limit}: ${near} van ${over} escalaties hooguit 25 % erboven`,
    budget: 'budget',
    months: 'looptijd',
    monthsValue: (n: number) => `${n} maanden`,
    noPinch: 'Geen mandaat knelt.',
  },
  rule: {
    partner_type_excluded: 'Uitgesloten type partner',
    beyond_all_mandates: 'Boven alle mandaten',
    exploration_exhausted: 'Speelruimte op',
    partner_type_conditional: 'Type partner onder voorwaarden',
    intensity_over_mandate: 'Intensiteit boven mandaat',
    budget_over_mandate: 'Budget boven mandaat',
    duration_over_mandate: 'Looptijd boven mandaat',
    priority_not_in_mandate: 'Prioriteit buiten mandaat',
    exploration: 'Verkenning in de speelruimte',
    existing_relationship: 'Bestaande samenwerking met de partner',
  } as RuleWords<string>,
  summary: {
    title: 'Portfolio',
    fragmented: 'Partners verspreid over afdelingen of eigenaren',
    fragmentedValue: (c: number) => n(c, 'partner', 'partners'),
    waiting: 'Wacht op een besluit',
    waitingValue: (c: number) => n(c, 'zaak', 'zaken'),
    reviewsDue: 'Evaluatie verlopen',
    reviewsDueValue: (c: number) => n(c, 'samenwerking', 'samenwerkingen'),
    more: 'De volledige digest komt wekelijks in het kanaal van het alliantieteam.',
    posted: 'De digest van deze week tot nu toe staat nu in het kanaal van het alliantieteam.',
  },
};
