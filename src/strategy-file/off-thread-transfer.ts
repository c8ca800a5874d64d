// Moving a large value from a worker thread to the main thread without stalling the main thread.
// Receiving a message deserialises it in one go on the receiving thread (a 30,000-priority strategy
// is half a second of it), and Node delivers every queued message in one turn of the event loop.
// So the sender cuts big arrays and objects into slices and sends one slice at a time, waiting for
// the receiver to ask for the next, which it does only after giving the event loop a turn.

/** Children of a container sent per message. */
export const SLICE = 500;
/** How deep containers are cut (the strategy's lists, and maps such as decisionLines.byPriority). */
const MAX_DEPTH = 2;
const MARK = '\u0000koersPart';

export type Chunk =
  | { kind: 'part'; id: number; array: boolean; items: unknown[] }
  | { kind: 'done'; skeleton: unknown; extra: unknown };

type Container = unknown[] | Record<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const sizeOf = (v: Container) => (Array.isArray(v) ? v.length : Object.keys(v).length);

/** The value with every big container replaced by a marker, and the slices of those containers. */
export function cut(value: unknown): { skeleton: unknown; parts: Array<Extract<Chunk, { kind: 'part' }>> } {
  const parts: Array<Extract<Chunk, { kind: 'part' }>> = [];
  let next = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (!(Array.isArray(v) || isPlainObject(v))) return v;
    const big = sizeOf(v) > SLICE;
    if (big) {
      const id = next++;
      const items: unknown[] = Array.isArray(v) ? v : Object.entries(v);
      for (let i = 0; i < items.length; i += SLICE)
        parts.push({ kind: 'part', id, array: Array.isArray(v), items: items.slice(i, i + SLICE) });
      return { [MARK]: id };
    }
    if (depth >= MAX_DEPTH) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return { skeleton: walk(value, 0), parts };
}

/** Puts the value back together from the chunks `cut` made, in the order they were sent. */
export function createAssembler() {
  const arrays = new Map<number, unknown[]>();
  const objects = new Map<number, Array<[string, unknown]>>();
  return {
    add(chunk: Extract<Chunk, { kind: 'part' }>): void {
      if (chunk.array) {
        const list = arrays.get(chunk.id) ?? [];
        for (const x of chunk.items) list.push(x);
        arrays.set(chunk.id, list);
      } else {
        const list = objects.get(chunk.id) ?? [];
        for (const x of chunk.items) list.push(x as [string, unknown]);
        objects.set(chunk.id, list);
      }
    },
    finish(skeleton: unknown): unknown {
      const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(walk);
        if (!isPlainObject(v)) return v;
        const id = v[MARK];
        if (typeof id === 'number') return arrays.get(id) ?? Object.fromEntries(objects.get(id) ?? []);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      };
      return walk(skeleton);
    },
  };
}
