// Small inline strategies for the check's tests. `strategy(yaml)` parses the given YAML and
// puts each of its top-level sections in place of the base frame's (a section given as `~` is
// removed), so a test states only the part of the frame it is about.
import { parse, stringify } from 'yaml';
import {
  type CheckOptions,
  type CheckResult,
  checkProposal,
} from '../../../src/domain/check/check-proposal.js';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import {
  EMPTY_PORTFOLIO,
  type ExistingRelationship,
  indexPortfolio,
  type PortfolioView,
} from '../../../src/domain/portfolio/portfolio-view.js';
import type { Strategy } from '../../../src/domain/strategy/compile-strategy.js';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';
import { formatIssue } from '../../../src/domain/strategy/strategy-issues.js';

/** The frame every test starts from: four rising roles, a line above the employee, no override. */
export const BASE_YAML = `
version: 1
organisation: { name: Provincie Test, locale: nl, currency: EUR }
priorities:
  - { id: energy-transition, name: { nl: Energietransitie, en: Energy transition }, weight: high }
  - { id: climate-water, name: { nl: Klimaat en water, en: Climate and water }, weight: medium }
  - { id: health, name: { nl: Gezondheid, en: Health }, weight: low }
partnerTypes:
  - { id: knowledge-institution, name: { nl: Kennisinstelling, en: Knowledge institution }, policy: allowed }
  - id: commercial
    name: { nl: Commerciële partij, en: Commercial party }
    policy: conditional
    reason: { nl: alleen na aanbesteding, en: only after a tender }
  - { id: tobacco-industry, name: { nl: Tabaksindustrie, en: Tobacco industry }, policy: excluded }
intensities:
  - { id: exchange, name: { nl: Kennisuitwisseling, en: Knowledge exchange } }
  - { id: project, name: { nl: Project, en: Project } }
  - { id: programme, name: { nl: Structureel programma, en: Structural programme } }
  - { id: alliance, name: { nl: Strategische alliantie, en: Strategic alliance } }
roles:
  - id: employee
    name: { nl: Medewerker, en: Staff member }
    mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12 }
  - id: manager
    name: { nl: Afdelingshoofd, en: Head of department }
    mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 }
  - id: director
    name: { nl: Directeur, en: Director }
    mandate: { maxIntensity: alliance, maxBudget: 1000000, maxMonths: 60 }
  - id: board
    name: { nl: Bestuur, en: Board }
    mandate: { maxIntensity: alliance }
decisionLines:
  default: [manager, director, board]
exploration: { maxActive: 2, maxIntensity: exchange, maxBudget: 5000 }
`;

const BASE = parse(BASE_YAML) as Record<string, unknown>;

/** The base frame with the given top-level sections replaced (or removed with `~`). */
export function strategyYaml(overrides = ''): string {
  const merged: Record<string, unknown> = { ...BASE };
  const given = (parse(overrides) ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return stringify(merged);
}

export function strategy(overrides = ''): Strategy {
  const result = parseStrategy(strategyYaml(overrides));
  if (!result.ok) throw new Error(`test strategy is invalid:\n${result.issues.map(formatIssue).join('\n')}`);
  return result.strategy;
}

export type ProposalOverrides = Partial<Omit<Proposal, 'partner' | 'requester'>> & {
  partner?: Partial<Proposal['partner']>;
  requester?: Partial<Proposal['requester']>;
};

/** An allowed partner, on a priority, well within the employee's mandate. */
export function proposal(o: ProposalOverrides = {}): Proposal {
  return {
    direction: 'we_need',
    priority: 'energy-transition',
    intensity: 'exchange',
    budget: 1000,
    months: 3,
    ...o,
    partner: { name: 'TU Delft', type: 'knowledge-institution', ...o.partner },
    requester: { id: 'u-anna', role: 'employee', ...o.requester },
  };
}

export function relationship(o: Partial<ExistingRelationship> = {}): ExistingRelationship {
  return {
    partner: 'Deltares',
    owner: 'u-bram',
    priority: 'climate-water',
    intensity: 'project',
    status: 'active',
    ...o,
  };
}

/** `n` active exploratory relationships (empty priority) with distinct partners. */
export function explorations(
  n: number,
  status: ExistingRelationship['status'] = 'active',
): ExistingRelationship[] {
  return Array.from({ length: n }, (_, i) =>
    relationship({ partner: `Verkenning ${status} ${i}`, priority: null, status }),
  );
}

export function portfolio(relationships: ExistingRelationship[] = []): PortfolioView {
  return relationships.length === 0 ? EMPTY_PORTFOLIO : indexPortfolio(relationships);
}

export function check(
  s: Strategy,
  p: Proposal,
  port: PortfolioView = EMPTY_PORTFOLIO,
  options: CheckOptions = {},
): CheckResult {
  return checkProposal(s, p, port, options);
}

export const codes = (items: ReadonlyArray<{ code: string }>) => items.map((i) => i.code);

/** Intl's no-break space, as it appears between the euro sign and the amount in Dutch. */
export const NBSP = '\u00a0';
