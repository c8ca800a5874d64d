// The digest as sections of facts and lines, in one language: what both the chat view and the
// plain text (the CLI preview, the fallback) are made of. Confidential partners are never named.
import type { Digest, NamedRelationship, PriorityMix } from '../../domain/digest/digest-model.js';
import { formatMoney } from '../../domain/i18n/format.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import type { DigestTexts } from '../../domain/texts/digest-texts.js';
import {
  digestWords,
  formatDate,
  formatDecimal,
  formatMoment,
  formatPercent,
  listOf,
} from './digest-format.js';

export interface Section {
  heading: string;
  facts: Array<{ label: string; value: string }>;
  lines: string[];
}

export function digestSections(d: Digest, locale: Locale): Section[] {
  const w = digestWords(locale);
  return [
    week(d, w, locale),
    waiting(d, w, locale),
    portfolio(d, w, locale),
    fragmentation(d, w),
    value(d, w, locale),
    calibration(d, w, locale),
  ];
}

export function partnerName(partner: string | null, w: DigestTexts): string {
  return partner ?? w.confidential;
}

export function priorityName(d: Digest, id: string | null, locale: Locale): string {
  if (id === null) return digestWords(locale).exploration;
  return d.labels.priorities[id]?.[locale] ?? id;
}

export function digestTitle(d: Digest, locale: Locale): string {
  const w = digestWords(locale);
  return d.period.running ? w.runningTitle(d.period.label) : w.title(d.period.label);
}

export function headerLine(d: Digest, locale: Locale): string {
  const w = digestWords(locale);
  const from = formatDate(d.period.startDate, locale);
  return d.period.running
    ? w.runningPeriodLine(from, formatMoment(d.period.end, d.period.timeZone, locale), d.organisation)
    : w.periodLine(from, formatDate(d.period.endDate, locale), d.organisation);
}

/** For a running period: that it is an interim view, and when the weekly digest follows. */
export function runningNote(d: Digest, locale: Locale): string | null {
  if (!d.period.running) return null;
  return digestWords(locale).runningNote(formatMoment(d.period.occurrence, d.period.timeZone, locale));
}

function relationshipLine(d: Digest, r: NamedRelationship, locale: Locale): string {
  const w = digestWords(locale);
  const intensity = d.labels.intensities[r.intensity]?.[locale] ?? r.intensity;
  return `${partnerName(r.partner, w)} (${priorityName(d, r.priority, locale)}, ${intensity}, ${formatMoney(r.budget, d.currency, locale)}, ${r.ownerName ?? r.ownerId})`;
}

function week(d: Digest, w: DigestTexts, locale: Locale): Section {
  const t = d.thisWeek;
  const lines: string[] = [];
  for (const r of t.newRelationships) lines.push(`${w.week.newNames}: ${relationshipLine(d, r, locale)}`);
  for (const r of t.endedRelationships) lines.push(`${w.week.endedNames}: ${relationshipLine(d, r, locale)}`);
  return {
    heading: w.sections.week,
    facts: [
      {
        label: w.week.checks,
        value: w.week.checksValue(
          t.checks.total,
          t.checks.within_mandate,
          t.checks.escalate,
          t.checks.outside_strategy,
        ),
      },
      {
        label: w.week.decisions,
        value: w.week.decisionsValue(
          t.decisions.approved,
          t.decisions.rejected,
          t.decisions.exceptionsGranted,
          t.decisions.exceptionsRefused,
        ),
      },
      {
        label: w.week.registered,
        value: `${t.registered}${t.imported > 0 ? w.week.imported(t.imported) : ''}`,
      },
      { label: w.week.ended, value: String(t.ended) },
    ],
    lines,
  };
}

function waiting(d: Digest, w: DigestTexts, locale: Locale): Section {
  const wt = d.waiting;
  const lines = wt.oldest.map((c) => {
    const role = c.stepRole ? (d.labels.roles[c.stepRole]?.[locale] ?? c.stepRole) : '-';
    const holder = c.holderName ?? c.holderId ?? w.waiting.nobody;
    const who = c.state === 'info_requested' ? `${w.waiting.awaitingAnswer} ${holder}` : holder;
    return w.waiting.line(c.caseId, partnerName(c.partner, w), w.hours(c.ageHours), role, who, c.pastPassUp);
  });
  return {
    heading: w.sections.waiting,
    facts: [
      { label: w.waiting.open, value: String(wt.total) },
      { label: w.waiting.past(wt.passUpAfterHours), value: String(wt.pastPassUp) },
    ],
    lines: wt.total === 0 ? [w.waiting.noneOpen] : lines,
  };
}

function priorityFact(
  d: Digest,
  m: PriorityMix,
  w: DigestTexts,
  locale: Locale,
): { label: string; value: string } {
  const mix = d.portfolio.intensities
    .filter((id) => (m.byIntensity[id] ?? 0) > 0)
    .map((id) => `${d.labels.intensities[id]?.[locale] ?? id} ${m.byIntensity[id]}`)
    .join(', ');
  const base = w.portfolio.row(
    m.relationships,
    formatMoney(m.budget, d.currency, locale),
    formatPercent(m.budgetShare, locale),
    formatPercent(m.expectedShare, locale),
  );
  const flag = m.flag ? ` · ⚠ ${w.flag[m.flag]}` : '';
  return {
    label: `${priorityName(d, m.id, locale)} (${m.weight ? w.weight[m.weight] : '?'})`,
    value: `${base}${mix ? ` · ${mix}` : ''}${flag}`,
  };
}

function portfolio(d: Digest, w: DigestTexts, locale: Locale): Section {
  const p = d.portfolio;
  const ex = p.exploration;
  const left =
    ex.maxActive === null || ex.left === null
      ? w.portfolio.noAllowance
      : w.portfolio.left(ex.left, ex.maxActive);
  const lines: string[] = [];
  if (p.unknownPriority > 0) lines.push(w.portfolio.unknown(p.unknownPriority));
  lines.push(p.flagsApply ? w.portfolio.flagsNote : w.portfolio.tooSmall);
  return {
    heading: w.sections.portfolio,
    facts: [
      {
        label: w.portfolio.active,
        value: w.portfolio.activeValue(p.active, formatMoney(p.budget, d.currency, locale)),
      },
      ...p.priorities.filter((m) => m.id !== null).map((m) => priorityFact(d, m, w, locale)),
      {
        label: w.exploration,
        value: w.portfolio.explorationValue(ex.active, formatPercent(ex.share, locale), left),
      },
    ],
    lines,
  };
}

function fragmentation(d: Digest, w: DigestTexts): Section {
  const f = d.fragmentation;
  const lines =
    f.partnersWithSeveral === 0
      ? [w.fragmentation.none]
      : [
          w.fragmentation.partners(f.partnersWithSeveral),
          ...f.partners.map((p) =>
            w.fragmentation.partnerLine(partnerName(p.partner, w), p.relationships, p.units, p.owners),
          ),
          ...(f.partnersWithSeveral > f.partners.length
            ? [w.fragmentation.andMore(f.partnersWithSeveral - f.partners.length)]
            : []),
        ];
  if (f.units.length > 0) {
    lines.push(
      `${w.fragmentation.units}: ${f.units.map((u) => w.fragmentation.unitLine(u.unit, u.partners, u.relationships)).join('; ')}`,
    );
  }
  return { heading: w.sections.fragmentation, facts: [], lines };
}

function value(d: Digest, w: DigestTexts, locale: Locale): Section {
  const v = d.value;
  return {
    heading: w.sections.value,
    facts: [
      {
        label: w.value.reviews,
        value: w.value.reviewsValue(
          v.reviewsInPeriod,
          v.outcomes.continue,
          v.outcomes.adjust,
          v.outcomes.end,
        ),
      },
      {
        label: w.value.rating,
        value: v.averageRating === null ? '-' : formatDecimal(v.averageRating, locale),
      },
      { label: w.value.due, value: String(v.reviewsDue) },
      { label: w.value.never, value: String(v.neverReviewed) },
    ],
    lines: v.reported.map((r) =>
      w.value.line(
        partnerName(r.partner, w),
        w.value.outcome[r.outcome],
        w.value.ratingOf(r.rating),
        r.delivered,
      ),
    ),
  };
}

function calibration(d: Digest, w: DigestTexts, locale: Locale): Section {
  const c = d.calibration;
  const themes = c.themes
    .filter((t) => t.escalated > 0)
    .slice(0, 5)
    .map((t) =>
      w.calibration.themeLine(
        priorityName(d, t.priority, locale),
        t.escalated,
        t.checks,
        formatPercent(t.escalationRate, locale),
      ),
    );
  const rules = c.rules
    .filter((r) => r.window > 0)
    .slice(0, 5)
    .map((r) => w.calibration.ruleLine(w.rule[r.code], r.window));
  const pinching = c.pinchingMandates.filter((m) => m.pinches);
  const lines = pinching.map((m) =>
    w.calibration.pinchLine(
      d.labels.roles[m.role]?.[locale] ?? m.role,
      m.limit === 'budget' ? w.calibration.budget : w.calibration.months,
      m.limit === 'budget'
        ? formatMoney(m.limitValue, d.currency, locale)
        : w.calibration.monthsValue(m.limitValue),
      m.nearLimit,
      m.overLimit,
    ),
  );
  return {
    heading: w.sections.calibration,
    facts: [
      { label: w.calibration.themes(c.windowWeeks), value: listOf(themes, locale) },
      { label: w.calibration.rules(c.windowWeeks), value: listOf(rules, locale) },
      {
        label: w.calibration.never(c.windowWeeks),
        value: listOf(
          c.neverFiredInWindow.map((code) => w.rule[code]),
          locale,
        ),
      },
      {
        label: w.calibration.exceptions(c.windowWeeks),
        value: w.calibration.exceptionsValue(c.exceptionsGranted, c.exceptionsRefused),
      },
      {
        label: w.calibration.pinch,
        value: pinching.length === 0 ? w.calibration.noPinch : String(pinching.length),
      },
    ],
    lines,
  };
}
