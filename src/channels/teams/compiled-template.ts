// Koers's card templates (cards/) turned into plain functions once, for the part of the Adaptive
// Card templating language they use: a property or array item that is a whole `${path}` (its value
// kept as it is: a string, a list, an object), `$data` on an array item (the item repeated for each
// entry of a list, or drawn with an object as its scope), and `$when` with `path != null` or
// `count(path) > 0`. Expanding a card through adaptivecards-templating parses and evaluates every
// expression again on every card (a tenth of a Teams reply's CPU time, read off a profile); the
// compiled function does the same walk with the expressions already read. It gives the library's
// result for every template and view model (test/cards/compiled-template.test.ts holds the
// two together), including where the library leaves a binding it cannot resolve as its text
// (`${missing}`). A template that uses anything else is not compiled: `compileTemplate` answers
// null and the caller expands it through the library.

type Scope = unknown;
type Expand = (scope: Scope) => unknown;
/** An array item: what it stands for in its array (none, one or several items). */
type ExpandItem = (scope: Scope, out: unknown[]) => void;

class Unsupported extends Error {}

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const WHOLE = /^\$\{([^{}]*)\}$/;

/** The value at `path` in `scope`, or undefined when a step is missing (the library's unresolved). */
function reader(path: string): (scope: Scope) => unknown {
  if (!PATH.test(path)) throw new Unsupported(path);
  const steps = path.split('.');
  return (scope) => {
    let at: unknown = scope;
    for (const step of steps) {
      if (at === null || typeof at !== 'object' || !Object.hasOwn(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
    return at;
  };
}

/** A `$when` condition: `path != null` or `count(path) > 0`. */
function condition(expression: string): (scope: Scope) => boolean {
  const notNull = /^\s*([^\s!=]+)\s*!=\s*null\s*$/.exec(expression);
  if (notNull) {
    const read = reader(notNull[1] as string);
    return (scope) => {
      const v = read(scope);
      return v !== null && v !== undefined;
    };
  }
  const counted = /^\s*count\(\s*([^\s()]+)\s*\)\s*>\s*0\s*$/.exec(expression);
  if (counted) {
    const read = reader(counted[1] as string);
    return (scope) => {
      const v = read(scope);
      if (Array.isArray(v) || typeof v === 'string') return v.length > 0;
      // An object counts its properties.
      return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
    };
  }
  throw new Unsupported(expression);
}

function wholeExpression(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = WHOLE.exec(value);
  return m ? (m[1] as string) : null;
}

function compileValue(node: unknown): Expand {
  if (typeof node === 'string') {
    const expression = wholeExpression(node);
    if (expression === null) {
      if (node.includes('${')) throw new Unsupported(node);
      return () => node;
    }
    const read = reader(expression.trim());
    return (scope) => {
      const v = read(scope);
      return v === undefined ? node : v;
    };
  }
  if (Array.isArray(node)) {
    const items = node.map(compileItem);
    return (scope) => {
      const out: unknown[] = [];
      for (const item of items) item(scope, out);
      return out;
    };
  }
  if (node !== null && typeof node === 'object') {
    if ('$data' in node || '$when' in node) throw new Unsupported('$data or $when outside an array');
    return compileObject(node as Record<string, unknown>);
  }
  return () => node;
}

function compileObject(node: Record<string, unknown>): Expand {
  const fields = Object.entries(node)
    .filter(([key]) => key !== '$data' && key !== '$when')
    .map(([key, value]) => [key, compileValue(value)] as const);
  return (scope) => {
    const out: Record<string, unknown> = {};
    for (const [key, expand] of fields) out[key] = expand(scope);
    return out;
  };
}

function compileItem(node: unknown): ExpandItem {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    const expand = compileValue(node);
    return (scope, out) => {
      out.push(expand(scope));
    };
  }
  const record = node as Record<string, unknown>;
  const build = compileObject(record);
  const whenExpression = record.$when === undefined ? null : wholeExpression(record.$when);
  if (record.$when !== undefined && whenExpression === null) throw new Unsupported(String(record.$when));
  const when = whenExpression === null ? null : condition(whenExpression);
  const place = (scope: Scope, out: unknown[]) => {
    if (when === null || when(scope)) out.push(build(scope));
  };
  if (record.$data === undefined) return place;
  const dataExpression = wholeExpression(record.$data);
  if (dataExpression === null) throw new Unsupported(String(record.$data));
  const data = reader(dataExpression.trim());
  return (scope, out) => {
    const v = data(scope);
    if (Array.isArray(v)) for (const entry of v) place(entry, out);
    else place(v, out);
  };
}

/** The template as a function of its data (`$root`), or null when it uses more than this subset. */
export function compileTemplate(template: unknown): ((data: object) => unknown) | null {
  try {
    const expand = compileValue(template);
    return (data) => expand(data);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}
