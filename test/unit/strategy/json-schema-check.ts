// A tiny JSON Schema (draft-07) checker for the keywords the strategy schema uses: enough to
// prove the generated schema is well formed and describes the example strategy, without a
// validator dependency. An unsupported keyword is reported, never skipped.
type Schema = Record<string, unknown>;

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples']);
const SCHEMA_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'anyOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
]);

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;

/** Problems with the schema itself (empty when it is a well-formed draft-07 schema in our subset). */
export function schemaProblems(schema: unknown, at = '#'): string[] {
  if (typeof schema === 'boolean') return [];
  if (!isSchema(schema)) return [`${at}: a schema must be an object or a boolean`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(schema)) {
    const here = `${at}/${k}`;
    if (ANNOTATIONS.has(k)) continue;
    if (!SCHEMA_KEYWORDS.has(k)) out.push(`${here}: keyword not supported by this checker`);
    else if (k === 'type') {
      const types = Array.isArray(v) ? v : [v];
      if (!types.every((t) => typeof t === 'string' && TYPES.has(t)))
        out.push(`${here}: unknown type ${JSON.stringify(v)}`);
    } else if (k === 'properties') {
      if (!isSchema(v)) out.push(`${here}: must be an object`);
      else for (const [name, sub] of Object.entries(v)) out.push(...schemaProblems(sub, `${here}/${name}`));
    } else if (k === 'required') {
      const props = isSchema(schema.properties) ? schema.properties : {};
      if (!Array.isArray(v) || !v.every((r) => typeof r === 'string' && r in props)) {
        out.push(`${here}: must list properties that are defined`);
      }
    } else if (k === 'additionalProperties' || k === 'propertyNames' || k === 'items') {
      out.push(...schemaProblems(v, here));
    } else if (k === 'anyOf') {
      if (!Array.isArray(v) || v.length === 0) out.push(`${here}: must be a non-empty array`);
      else out.push(...v.flatMap((sub, i) => schemaProblems(sub, `${here}/${i}`)));
    } else if (k === 'enum') {
      if (!Array.isArray(v) || v.length === 0) out.push(`${here}: must be a non-empty array`);
    } else if (k === 'pattern') {
      try {
        new RegExp(String(v), 'u');
      } catch {
        out.push(`${here}: not a regular expression`);
      }
    } else if (k === 'minLength' || k === 'maxLength' || k === 'minItems' || k === 'maxItems') {
      if (!isCount(v)) out.push(`${here}: must be a non-negative integer`);
    } else if (k !== 'const' && typeof v !== 'number') {
      out.push(`${here}: must be a number`);
    }
  }
  return out;
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

function hasType(x: unknown, t: string): boolean {
  if (t === 'integer') return Number.isInteger(x);
  return typeOf(x) === t;
}

/** Where `value` breaks `schema` (empty when it conforms). */
export function validate(schema: unknown, value: unknown, at = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: not allowed`];
  if (!isSchema(schema)) return [`${at}: bad schema`];
  const out: string[] = [];
  const s = schema;
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!types.some((t) => hasType(value, t)))
      return [`${at}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value))
    out.push(`${at}: must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${at}: must be one of ${JSON.stringify(s.enum)}`);
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => validate(sub, value, at).length === 0)) {
    out.push(`${at}: matches none of anyOf`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength)
      out.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength)
      out.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      out.push(`${at}: does not match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) out.push(`${at}: above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
      out.push(`${at}: not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
      out.push(`${at}: not below ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems)
      out.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      out.push(`${at}: more than ${s.maxItems} items`);
    if (s.items !== undefined)
      out.push(...value.flatMap((item, i) => validate(s.items, item, `${at}[${i}]`)));
  }
  if (isSchema(value)) {
    const props = isSchema(s.properties) ? s.properties : {};
    for (const r of Array.isArray(s.required) ? s.required : []) {
      if (!(r in value)) out.push(`${at}.${r}: required`);
    }
    for (const [k, v] of Object.entries(value)) {
      if (s.propertyNames !== undefined)
        out.push(...validate(s.propertyNames, k, `${at}[${JSON.stringify(k)}] (name)`));
      if (k in props) out.push(...validate(props[k], v, `${at}.${k}`));
      else if (s.additionalProperties !== undefined)
        out.push(...validate(s.additionalProperties, v, `${at}.${k}`));
    }
  }
  return out;
}
