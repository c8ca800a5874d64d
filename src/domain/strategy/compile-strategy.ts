// The validated strategy file turned into the model the check works on: ranks and lookups
// precomputed once, so a check is a handful of map reads.
import type { StrategyIssue } from './strategy-issues.js';
import type {
  Intensity,
  Locale,
  LocalizedText,
  PartnerType,
  Person,
  Priority,
  Role,
  StrategyFile,
} from './strategy-schema.js';

export interface CompiledRole extends Role {
  rank: number;
  /** Rank of maxIntensity; Infinity when the mandate sets no limit. */
  maxIntensityRank: number;
  maxBudgetLimit: number;
  maxMonthsLimit: number;
  /** null = all priorities. */
  allowedPriorities: ReadonlySet<string> | null;
}

export interface CompiledIntensity extends Intensity {
  rank: number;
}

export interface Strategy {
  readonly file: StrategyFile;
  /** SHA-256 (hex) of the file's text: cases record which strategy they were checked against. */
  readonly sha256: string;
  /** Dead configuration worth telling the author about (the file is valid). */
  readonly warnings: ReadonlyArray<StrategyIssue>;
  readonly locale: Locale;
  readonly currency: string;
  readonly priorities: ReadonlyMap<string, Priority>;
  readonly partnerTypes: ReadonlyMap<string, PartnerType>;
  readonly intensities: ReadonlyMap<string, CompiledIntensity>;
  readonly intensityList: ReadonlyArray<CompiledIntensity>;
  readonly roles: ReadonlyMap<string, CompiledRole>;
  readonly roleList: ReadonlyArray<CompiledRole>;
  readonly people: ReadonlyArray<Person>;
  readonly exploration: {
    maxActive: number;
    maxIntensityRank: number;
    maxIntensity: string;
    maxBudget: number;
  } | null;
  /** The decision line for a priority (null = exploration, the default line). */
  decisionLine(priority: string | null): ReadonlyArray<CompiledRole>;
}

export function compileStrategy(
  file: StrategyFile,
  sha256: string,
  warnings: ReadonlyArray<StrategyIssue> = [],
): Strategy {
  const intensityList = file.intensities.map((x, rank) => ({ ...x, rank }));
  const intensities = new Map(intensityList.map((x) => [x.id, x]));
  const intensityRank = (id: string | undefined) =>
    id === undefined ? Infinity : (intensities.get(id)?.rank ?? Infinity);
  const roleList: CompiledRole[] = file.roles.map((r, rank) => ({
    ...r,
    rank,
    maxIntensityRank: intensityRank(r.mandate.maxIntensity),
    maxBudgetLimit: r.mandate.maxBudget ?? Infinity,
    maxMonthsLimit: r.mandate.maxMonths ?? Infinity,
    allowedPriorities: r.mandate.priorities === 'all' ? null : new Set(r.mandate.priorities),
  }));
  const roles = new Map(roleList.map((r) => [r.id, r]));
  const lineOf = (ids: string[]) =>
    ids.map((id) => roles.get(id)).filter((r): r is CompiledRole => r !== undefined);
  const defaultLine = lineOf(file.decisionLines.default);
  const byPriority = new Map(
    Object.entries(file.decisionLines.byPriority ?? {}).map(([p, ids]) => [p, lineOf(ids)]),
  );
  const ex = file.exploration;
  return {
    file,
    sha256,
    warnings,
    locale: file.organisation.locale,
    currency: file.organisation.currency,
    priorities: new Map(file.priorities.map((p) => [p.id, p])),
    partnerTypes: new Map(file.partnerTypes.map((p) => [p.id, p])),
    intensities,
    intensityList,
    roles,
    roleList,
    people: file.people ?? [],
    exploration: ex
      ? {
          maxActive: ex.maxActive,
          maxIntensity: ex.maxIntensity,
          maxIntensityRank: intensityRank(ex.maxIntensity),
          maxBudget: ex.maxBudget,
        }
      : null,
    decisionLine: (priority) => (priority === null ? defaultLine : (byPriority.get(priority) ?? defaultLine)),
  };
}

/** A localized text in the wanted language, falling back to the other one. */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.nl ?? text.en ?? '';
}

/** A role's display name: its name in the file, else its id. */
export function roleName(role: Role, locale: Locale): string {
  return role.name === undefined ? role.id : localize(role.name, locale);
}
