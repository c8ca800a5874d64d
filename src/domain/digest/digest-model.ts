// The weekly portfolio digest as data: what an alliance team asks every Monday, in numbers and
// names. Plain JSON (it is stored with its run, so a resumed or re-sent post shows the same).
// A confidential relationship or case is counted everywhere but never named: its `partner` is
// null here, and views write "vertrouwelijke partner" / "confidential partner".
import type { NoticeCode, ReasonCode, Verdict } from '../check/verdict.js';
import type { DigestPeriod } from './period.js';

export const DIGEST_VERSION = 1;

export type Weight = 'high' | 'medium' | 'low';
export type RuleCode = ReasonCode | NoticeCode;

export interface NamedRelationship {
  id: number;
  /** null when confidential. */
  partner: string | null;
  priority: string | null;
  intensity: string;
  budget: number;
  ownerId: string;
  ownerName: string | null;
  unit: string | null;
}

export interface ThisWeek {
  checks: Record<Verdict, number> & { total: number };
  decisions: {
    approved: number;
    rejected: number;
    exceptionsGranted: number;
    exceptionsRefused: number;
    withdrawn: number;
  };
  /** Relationships registered by a check or an exception in the period. */
  registered: number;
  /** Relationships that came in through an import of the existing register (not those imported as ended). */
  imported: number;
  ended: number;
  newRelationships: NamedRelationship[];
  endedRelationships: NamedRelationship[];
}

export interface WaitingCase {
  caseId: number;
  kind: 'check' | 'exception';
  state: string;
  partner: string | null;
  priority: string | null;
  /** Since the case was opened. */
  ageHours: number;
  /** Since it reached the step it is at (the pass-up clock). */
  atStepHours: number;
  step: number;
  stepRole: string | null;
  /** Who holds it: the assignee, or the requester while an answer to a question is awaited. */
  holderId: string | null;
  holderName: string | null;
  pastPassUp: boolean;
}

export interface Waiting {
  total: number;
  pastPassUp: number;
  passUpAfterHours: number;
  /** Oldest first, at most WAITING_LIST. */
  oldest: WaitingCase[];
}

export type PriorityFlag = 'under_invested' | 'over_invested';

export interface PriorityMix {
  /** Priority id; null for exploratory relationships (no priority). */
  id: string | null;
  weight: Weight | null;
  relationships: number;
  budget: number;
  /** Shares of the relationships and the budget on priorities (exploration left out). */
  relationshipShare: number;
  budgetShare: number;
  /** What the weight would give it: its weight points over all priorities' points. */
  expectedShare: number;
  byIntensity: Record<string, number>;
  flag: PriorityFlag | null;
}

export interface PortfolioMix {
  active: number;
  budget: number;
  priorities: PriorityMix[];
  /** Relationships whose priority is not (or no longer) in the strategy. */
  unknownPriority: number;
  exploration: { active: number; share: number; maxActive: number | null; left: number | null };
  intensities: string[];
  /** False when the portfolio is too small to flag (fewer than FLAG_MIN_RELATIONSHIPS on priorities). */
  flagsApply: boolean;
}

export interface FragmentedPartner {
  partnerKey: string;
  /** null when one of its relationships is confidential. */
  partner: string | null;
  relationships: number;
  units: number;
  owners: number;
}

export interface BusyUnit {
  unit: string;
  partners: number;
  relationships: number;
}

export interface Fragmentation {
  /** Partners with several active relationships across units or owners. */
  partnersWithSeveral: number;
  partners: FragmentedPartner[];
  units: BusyUnit[];
}

export interface ReviewReport {
  relationshipId: number;
  partner: string | null;
  outcome: ReviewOutcome;
  rating: number | null;
  delivered: string;
  reviewerId: string;
  at: string;
}

export type ReviewOutcome = 'continue' | 'adjust' | 'end';

export interface Value {
  reviewsInPeriod: number;
  outcomes: Record<ReviewOutcome, number>;
  averageRating: number | null;
  /** Active relationships whose review date has passed by the end of the period. */
  reviewsDue: number;
  /** Active relationships with no review on record at all. */
  neverReviewed: number;
  reported: ReviewReport[];
}

export interface ThemeSignal {
  priority: string | null;
  checks: number;
  escalated: number;
  outsideStrategy: number;
  escalationRate: number;
}

export interface PinchingMandate {
  role: string;
  limit: 'budget' | 'months';
  limitValue: number;
  /** Escalations over this role's limit in the window. */
  overLimit: number;
  /** Of those, how many were at most PINCH_MARGIN above the limit. */
  nearLimit: number;
  pinches: boolean;
}

export interface Calibration {
  windowWeeks: number;
  themes: ThemeSignal[];
  /** Every rule of the check, with how often it fired in the period and in the window. */
  rules: Array<{ code: RuleCode; period: number; window: number }>;
  neverFiredInPeriod: RuleCode[];
  /** Rules that fired neither in the window nor since, up to `asOf` (the running period included). */
  neverFiredInWindow: RuleCode[];
  exceptionsGranted: number;
  exceptionsRefused: number;
  pinchingMandates: PinchingMandate[];
}

/** A name in both languages, so a stored digest renders the same after the strategy changes. */
export interface BothLanguages {
  nl: string;
  en: string;
}

export interface DigestLabels {
  priorities: Record<string, BothLanguages>;
  intensities: Record<string, BothLanguages>;
  roles: Record<string, BothLanguages>;
}

export interface Digest {
  version: typeof DIGEST_VERSION;
  organisation: string;
  currency: string;
  labels: DigestLabels;
  period: DigestPeriod;
  /** When it was computed (the waiting ages and the portfolio are as of this instant). */
  asOf: string;
  thisWeek: ThisWeek;
  waiting: Waiting;
  portfolio: PortfolioMix;
  fragmentation: Fragmentation;
  value: Value;
  calibration: Calibration;
}

/** How many names a list in the digest shows (the counts are always complete). */
export const LIST_LIMIT = 8;
export const WAITING_LIST = 10;
export const CALIBRATION_WINDOW_WEEKS = 12;
