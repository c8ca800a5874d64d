// When the schema rejects a file, the cross-reference checks still run on what can be read of
// it, so every problem is reported at once, not only the schema's. Parts
// the schema rejected are left out of those checks, so one mistake does not echo as several.
import { type CrossReferenceInput, unreadableId } from './cross-references.js';
import { type Mandate, MandateSchema, type Person, PersonSchema } from './strategy-schema.js';

export interface SalvagedStrategy {
  input: CrossReferenceInput;
  /** Indices of roles whose mandate the schema rejected: not compared with their neighbours. */
  uncheckedMandates: ReadonlySet<number>;
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] | undefined =>
  Array.isArray(x) && x.every((s) => typeof s === 'string') ? x : undefined;
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** An item's id, or a placeholder no reference can name (keeps the indices of the others). */
const idOf = (item: unknown, i: number) =>
  isObject(item) && typeof item.id === 'string' ? item.id : unreadableId(i);

export function salvageStrategy(data: unknown): SalvagedStrategy | null {
  if (!isObject(data)) return null;
  // A section that is missing or not a list is reported by the schema; references to what it
  // would have held are then not checked.
  const has = {
    priorities: Array.isArray(data.priorities),
    intensities: Array.isArray(data.intensities),
    roles: Array.isArray(data.roles),
  };
  const uncheckedMandates = new Set<number>();
  const roles = list(data.roles).map((item, i) => {
    const raw = isObject(item) ? item.mandate : undefined;
    const parsed = MandateSchema.safeParse(raw);
    const m = parsed.success ? parsed.data : isObject(raw) ? raw : {};
    if (!parsed.success) uncheckedMandates.add(i);
    const mandate: Mandate = {
      ...(parsed.success ? parsed.data : {}),
      maxIntensity: has.intensities && typeof m.maxIntensity === 'string' ? m.maxIntensity : undefined,
      priorities: (has.priorities && strings(m.priorities)) || 'all',
    };
    return { id: idOf(item, i), mandate };
  });

  const lines = isObject(data.decisionLines) && has.roles ? data.decisionLines : {};
  const byPriority: Record<string, string[]> = {};
  if (isObject(lines.byPriority) && has.priorities) {
    for (const [priority, line] of Object.entries(lines.byPriority)) {
      const ids = strings(line);
      if (ids) byPriority[priority] = ids;
    }
  }

  const ex = data.exploration;
  const digest = data.digest;
  const people = list(data.people).map((p) => PersonSchema.safeParse(p));
  return {
    uncheckedMandates,
    input: {
      priorities: list(data.priorities).map((item, i) => ({ id: idOf(item, i) })),
      partnerTypes: list(data.partnerTypes).map((item, i) => ({ id: idOf(item, i) })),
      intensities: list(data.intensities).map((item, i) => ({ id: idOf(item, i) })),
      roles,
      decisionLines: { default: strings(lines.default) ?? [], byPriority },
      exploration:
        isObject(ex) && has.intensities && typeof ex.maxIntensity === 'string'
          ? { maxIntensity: ex.maxIntensity }
          : undefined,
      digest:
        isObject(digest) && typeof digest.cron === 'string' && typeof digest.timezone === 'string'
          ? { cron: digest.cron, timezone: digest.timezone }
          : undefined,
      // The people directory is checked only when every entry has the right shape.
      people: has.roles && people.every((r) => r.success) ? people.map((r) => r.data as Person) : undefined,
    },
  };
}
