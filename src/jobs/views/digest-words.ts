// The digest's words in Dutch and English. Numbers, money, dates and percentages go through Intl.
import type { RuleCode, Weight } from '../../domain/digest/digest-model.js';
import { formatList, intlLocale } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';

const percentFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const decimalFormats = new Map<Locale, Intl.NumberFormat>();

export function formatPercent(share: number, locale: Locale): string {
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, f);
  }
  return f.format(share);
}

export function formatDecimal(n: number, locale: Locale): string {
  let f = decimalFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
    decimalFormats.set(locale, f);
  }
  return f.format(n);
}

/** A calendar date (YYYY-MM-DD) as people read it: "16 nov 2026" / "16 Nov 2026". */
export function formatDate(date: string, locale: Locale): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`));
}

const momentFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** An instant as people read it in the time zone: "7 dec 2026 om 08:00" / "7 Dec 2026 at 08:00". */
export function formatMoment(iso: string, timeZone: string, locale: Locale): string {
  const key = `${locale}:${timeZone}`;
  let f = momentFormats.get(key);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(intlLocale(locale), {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone,
      }),
      time: new Intl.DateTimeFormat(intlLocale(locale), {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
    };
    momentFormats.set(key, f);
  }
  const d = new Date(iso);
  return digestWords(locale).at(f.date.format(d), f.time.format(d));
}

/** `1 partner`, `3 partners`: a count with its noun. */
const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const NL = {
  title: (label: string) => `Portfoliodigest ${label}`,
  runningTitle: (label: string) => `Portfoliodigest ${label} tot nu toe`,
  periodLine: (from: string, to: string, org: string) => `${org} · van ${from} tot ${to}`,
  runningPeriodLine: (from: string, now: string, org: string) => `${org} · van ${from} tot nu (${now})`,
  runningNote: (when: string) =>
    `Een tussenstand: de weekdigest over deze periode volgt op ${when}, met de cijfers van de hele week.`,
  at: (date: string, time: string) => `${date} om ${time}`,
  confidential: 'vertrouwelijke partner',
  exploration: 'Verkenning (geen prioriteit)',
  weight: { high: 'hoog', medium: 'middel', low: 'laag' } as Record<Weight, string>,
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
  } as Record<RuleCode, string>,
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

export type DigestWords = typeof NL;

const EN: DigestWords = {
  title: (label) => `Portfolio digest ${label}`,
  runningTitle: (label) => `Portfolio digest ${label} so far`,
  periodLine: (from, to, org) => `${org} · from ${from} to ${to}`,
  runningPeriodLine: (from, now, org) => `${org} · from ${from} to now (${now})`,
  runningNote: (when) =>
    `An interim view: the weekly digest for this period follows on ${when}, with the whole week's figures.`,
  at: (date, time) => `${date} at ${time}`,
  confidential: 'confidential partner',
  exploration: 'Exploration (no priority)',
  weight: { high: 'high', medium: 'medium', low: 'low' },
  flag: {
    under_invested: 'little investment for a high priority',
    over_invested: 'much investment for a low priority',
  },
  flagShort: { under_invested: 'little', over_invested: 'much' },
  chartTitle: (label) => `Portfolio by priority and intensity · ${label}`,
  chartSubtitle: (c, budget) => `${n(c, 'active relationship', 'active relationships')} · ${budget}`,
  hours: (h) => (h < 48 ? `${h} hours` : `${Math.floor(h / 24)} days`),
  none: 'none',
  sections: {
    week: 'This week',
    waiting: 'Waiting for a decision',
    portfolio: 'Portfolio and priorities',
    fragmentation: 'Fragmentation',
    value: 'Value',
    calibration: 'Calibrating the strategy',
  },
  week: {
    checks: 'Checks',
    checksValue: (t, w, e, o) => `${t} (${w} within mandate, ${e} escalated, ${o} outside the strategy)`,
    decisions: 'Decisions',
    decisionsValue: (a, r, g, f) => `${a} approved, ${r} rejected; exceptions: ${g} granted, ${f} refused`,
    registered: 'New relationships',
    imported: (n) => ` (plus ${n} imported)`,
    ended: 'Ended',
    newNames: 'New',
    endedNames: 'Ended',
  },
  waiting: {
    open: 'Open cases',
    past: (h) => `Longer than ${h} hours at one step`,
    line: (id, partner, age, step, holder, past) =>
      `#${id} ${partner}: ${age} old, step ${step}, with ${holder}${past ? ' (past the pass-up time)' : ''}`,
    awaitingAnswer: 'awaiting an answer from',
    nobody: 'nobody',
    noneOpen: 'Nothing is waiting for a decision.',
  },
  portfolio: {
    active: 'Active relationships',
    activeValue: (c, budget) => `${n(c, 'relationship', 'relationships')} · ${budget}`,
    row: (c, budget, share, expected) =>
      `${n(c, 'relationship', 'relationships')} · ${budget} · ${share} of the budget on priorities · ${expected} by weight`,
    summaryRow: (c, budget, share) =>
      `${n(c, 'relationship', 'relationships')} · ${budget} · ${share} of the budget on priorities`,
    explorationValue: (c, share, left) =>
      `${n(c, 'relationship', 'relationships')} (${share} of all active); allowance left: ${left}`,
    unknownLabel: 'Priority not (or no longer) in the strategy',
    unknownValue: (c, budget) => `${n(c, 'relationship', 'relationships')} · ${budget}`,
    left: (left, max) => `${left} of ${max}`,
    noAllowance: 'no exploration allowance in the strategy',
    unknown: (n) => `${n} relationships on a priority that is not (or no longer) in the strategy`,
    tooSmall: 'Too few relationships on priorities to flag anything.',
    flagsNote:
      'Flag: a high weight with less than half the share its weight gives it, or a low weight with more than twice.',
  },
  fragmentation: {
    partners: (c) =>
      `${n(c, 'partner', 'partners')} with several relationships spread across units or owners`,
    partnerLine: (name, c, units, owners) =>
      `${name}: ${n(c, 'relationship', 'relationships')}, ${n(units, 'unit', 'units')}, ${n(owners, 'owner', 'owners')}`,
    units: 'Units working with the most partners',
    unitLine: (unit, partners, c) =>
      `${unit}: ${n(partners, 'partner', 'partners')} (${n(c, 'relationship', 'relationships')})`,
    none: 'No partner has relationships spread across units or owners.',
    andMore: (c) => `and ${n(c, 'other partner', 'other partners')}`,
  },
  value: {
    reviews: 'Reviews this week',
    reviewsValue: (n, c, a, e) => `${n} (continue ${c}, adjust ${a}, end ${e})`,
    rating: 'Average contribution (1-5)',
    due: 'Review overdue',
    never: 'Never reviewed',
    outcome: { continue: 'continue', adjust: 'adjust', end: 'end' },
    line: (partner, outcome, rating, delivered) => `${partner}: ${outcome}, ${rating}. ${delivered}`,
    ratingOf: (r) => (r === null ? 'no rating' : `rated ${r}`),
  },
  calibration: {
    themes: (weeks) => `Themes that escalate most (${weeks} weeks)`,
    themeLine: (name, e, n, rate) => `${name}: ${e} of ${n} checks (${rate})`,
    rules: (weeks) => `Rules that apply most (${weeks} weeks)`,
    ruleLine: (name, n) => `${name} ${n}×`,
    never: (weeks) => `Never used in ${weeks} weeks`,
    neverWeek: 'Not used this week',
    exceptions: (weeks) => `Exceptions (${weeks} weeks)`,
    exceptionsValue: (g, r) => `${g} granted, ${r} refused`,
    pinch: 'Mandates that pinch',
    pinchLine: (role, what, limit, near, over) =>
      `${role}, ${what} ${limit}: ${near} of ${over} escalations at most 25% above it`,
    budget: 'budget',
    months: 'duration',
    monthsValue: (n) => `${n} months`,
    noPinch: 'No mandate pinches.',
  },
  rule: {
    partner_type_excluded: 'Excluded partner type',
    beyond_all_mandates: 'Beyond every mandate',
    exploration_exhausted: 'Exploration allowance used up',
    partner_type_conditional: 'Conditional partner type',
    intensity_over_mandate: 'Intensity over the mandate',
    budget_over_mandate: 'Budget over the mandate',
    duration_over_mandate: 'Duration over the mandate',
    priority_not_in_mandate: 'Priority outside the mandate',
    exploration: 'Exploration within the allowance',
    existing_relationship: 'Existing relationship with the partner',
  },
  summary: {
    title: 'Portfolio',
    fragmented: 'Partners spread across units or owners',
    fragmentedValue: (c) => n(c, 'partner', 'partners'),
    waiting: 'Waiting for a decision',
    waitingValue: (c) => n(c, 'case', 'cases'),
    reviewsDue: 'Review overdue',
    reviewsDueValue: (c) => n(c, 'relationship', 'relationships'),
    more: 'The full digest goes to the alliance team channel every week.',
    posted: "This week's digest so far is now in the alliance team channel.",
  },
};

export function digestWords(locale: Locale): DigestWords {
  return locale === 'en' ? EN : NL;
}

export function listOf(items: ReadonlyArray<string>, locale: Locale): string {
  return items.length === 0 ? digestWords(locale).none : formatList(items, locale);
}
