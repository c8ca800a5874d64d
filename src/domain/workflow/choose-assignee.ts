// Who holds a step for a requester: first up the requester's reports-to chain; else the holder
// of the role with the fewest open cases, then the lowest id. Never the requester; never
// someone marked unreachable on every platform.
import type { PersonSnapshot } from './case-model.js';

export interface AssigneeChoice {
  step: number;
  assigneeId: string;
  /** Steps passed over because nobody holds their role (the alliance team is told). */
  skippedSteps: number[];
}

export function chooseAssignee(
  steps: ReadonlyArray<string>,
  fromStep: number,
  requesterId: string,
  people: ReadonlyMap<string, PersonSnapshot>,
  openCases: (personId: string) => number,
): AssigneeChoice | { step: null; skippedSteps: number[] } {
  const skippedSteps: number[] = [];
  for (let step = fromStep; step < steps.length; step++) {
    const role = steps[step];
    const id = role === undefined ? null : holderFor(role, requesterId, people, openCases);
    if (id !== null) return { step, assigneeId: id, skippedSteps };
    skippedSteps.push(step);
  }
  return { step: null, skippedSteps };
}

function holderFor(
  role: string,
  requesterId: string,
  people: ReadonlyMap<string, PersonSnapshot>,
  openCases: (personId: string) => number,
): string | null {
  const eligible = (p: PersonSnapshot) => p.role === role && p.id !== requesterId && !p.unreachable;
  const seen = new Set<string>([requesterId]);
  for (let id = people.get(requesterId)?.reportsTo ?? null; id !== null && !seen.has(id); ) {
    seen.add(id);
    const p = people.get(id);
    if (!p) break;
    if (eligible(p)) return p.id;
    id = p.reportsTo;
  }
  let best: { id: string; open: number } | null = null;
  for (const p of people.values()) {
    if (!eligible(p)) continue;
    const open = openCases(p.id);
    if (best === null || open < best.open || (open === best.open && p.id < best.id))
      best = { id: p.id, open };
  }
  return best?.id ?? null;
}
