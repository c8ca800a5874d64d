// The digest of one period, aggregated in SQL (GROUP BY, COUNT, SUM) and assembled by the pure
// domain. It never loads the register: every query returns a handful of rows (per priority and
// intensity, per rule code, the top of a list), so memory stays flat as the register grows. The
// one write is case_rules, the rule codes of checks created since the previous digest.
import { calibration, mandateLimits } from '../domain/digest/calibration.js';
import { digestLabels } from '../domain/digest/digest-labels.js';
import { CALIBRATION_WINDOW_WEEKS, DIGEST_VERSION, type Digest } from '../domain/digest/digest-model.js';
import { type DigestPeriod, shiftLocalDays } from '../domain/digest/period.js';
import { portfolioMix } from '../domain/digest/priority-flags.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Backend } from '../store/backend.js';
import { thisWeek, waiting } from '../store/digest-activity-reads.js';
import {
  exceptionDecisions,
  mandateCounts,
  ruleCounts,
  themeRows,
} from '../store/digest-calibration-reads.js';
import { indexCaseRules } from '../store/digest-case-rules.js';
import { fragmentation, mixRows, value } from '../store/digest-portfolio-reads.js';
import type { Db } from '../store/store-handle.js';

export interface ComputeDigestInput {
  db: Db;
  backend: Backend;
  strategy: Strategy;
  period: DigestPeriod;
  /** The instant the waiting ages and the portfolio are taken at (the clock, when it runs). */
  asOf: Date;
}

export async function computeDigest({
  db,
  backend,
  strategy,
  period,
  asOf,
}: ComputeDigestInput): Promise<Digest> {
  const window = {
    start: shiftLocalDays(new Date(period.end), -7 * CALIBRATION_WINDOW_WEEKS, period.timeZone).toISOString(),
    periodStart: period.start,
    end: period.end,
    upTo: new Date(Math.max(asOf.getTime(), Date.parse(period.end))).toISOString(),
  };
  const limits = mandateLimits(strategy.roleList);
  await indexCaseRules(db, backend, window.start, asOf);
  const [week, wait, mix, frag, val, themes, rules, exceptions, mandates] = await Promise.all([
    thisWeek(db, period),
    waiting(db, asOf, strategy.file.escalation.passUpAfterHours),
    mixRows(db),
    fragmentation(db),
    value(db, period),
    themeRows(db, window),
    ruleCounts(db, backend, window),
    exceptionDecisions(db, window),
    mandateCounts(db, window, limits),
  ]);
  return {
    version: DIGEST_VERSION,
    organisation: strategy.file.organisation.name,
    currency: strategy.currency,
    labels: digestLabels(strategy),
    period,
    asOf: asOf.toISOString(),
    thisWeek: week,
    waiting: wait,
    portfolio: portfolioMix(mix, {
      priorities: [...strategy.priorities.values()].map((p) => ({ id: p.id, weight: p.weight })),
      intensities: strategy.intensityList.map((i) => i.id),
      exploration: strategy.exploration,
    }),
    fragmentation: frag,
    value: val,
    calibration: calibration({
      windowWeeks: CALIBRATION_WINDOW_WEEKS,
      themes,
      ruleCounts: rules,
      exceptionsGranted: exceptions.granted,
      exceptionsRefused: exceptions.refused,
      mandates,
    }),
  };
}
