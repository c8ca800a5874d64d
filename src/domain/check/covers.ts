import type { CompiledRole } from '../strategy/compile-strategy.js';

/** What of a proposal a mandate is measured against. */
export interface Extent {
  intensityRank: number;
  budget: number;
  months: number;
  priority: string | null;
}

/** A role covers a proposal when every limit of its mandate holds (limits are inclusive). */
export function covers(role: CompiledRole, x: Extent): boolean {
  return (
    x.intensityRank <= role.maxIntensityRank &&
    x.budget <= role.maxBudgetLimit &&
    x.months <= role.maxMonthsLimit &&
    priorityAllowed(role, x.priority)
  );
}

/** A null priority (exploration) is covered by every role. */
export function priorityAllowed(role: CompiledRole, priority: string | null): boolean {
  return priority === null || role.allowedPriorities === null || role.allowedPriorities.has(priority);
}
