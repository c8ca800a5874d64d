// Strategy text -> a validated, compiled strategy, or every problem at once with its path
// (and, for YAML syntax errors, its line). Pure: the caller reads the file.
import { createHash } from 'node:crypto';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { compileStrategy, type Strategy } from './compile-strategy.js';
import { crossReferenceIssues } from './cross-references.js';
import { salvageStrategy } from './salvage-strategy.js';
import { formatPath, isMissing, type StrategyIssue } from './strategy-issues.js';
import { StrategySchema } from './strategy-schema.js';

/** Alias expansions a strategy file may use (a real strategy needs a handful, if any). */
export const MAX_ALIAS_COUNT = 100;

export type ParseStrategyResult = { ok: true; strategy: Strategy } | { ok: false; issues: StrategyIssue[] };

export function parseStrategy(text: string): ParseStrategyResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax error: ${firstLine(e.message)}`,
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
      })),
    };
  }
  let data: unknown;
  try {
    // Aliases are expanded here: a few hundred bytes of nested aliases ("billion laughs") would
    // expand to gigabytes, so yaml stops after this many and throws.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: aliasProblem(err) }] };
  }
  const parsed = StrategySchema.safeParse(data);
  const withLine = (i: StrategyIssue) => ({
    ...i,
    line: lineOf(doc.contents, pathSegments(i.path), lineCounter),
  });
  if (!parsed.success) {
    // Every problem at once: the reference checks also run on what the schema did not reject.
    const salvaged = salvageStrategy(data);
    const references = salvaged
      ? crossReferenceIssues(salvaged.input, salvaged.uncheckedMandates)
          .filter((i) => i.severity !== 'warning')
          .map(withLine)
      : [];
    const schema = parsed.error.issues.map((i) =>
      zodIssue(i, data, (p) => lineOf(doc.contents, p, lineCounter)),
    );
    return { ok: false, issues: [...schema, ...references] };
  }
  const all = crossReferenceIssues(parsed.data).map(withLine);
  const issues = all.filter((i) => i.severity !== 'warning');
  if (issues.length > 0) return { ok: false, issues };
  const sha256 = createHash('sha256').update(text).digest('hex');
  return {
    ok: true,
    strategy: compileStrategy(
      parsed.data,
      sha256,
      all.filter((i) => i.severity === 'warning'),
    ),
  };
}

function zodIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  line: (path: PropertyKey[]) => number | undefined,
): StrategyIssue {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const path = [...issue.path, issue.keys[0] ?? ''];
    return { path: formatPath(path), message: `unknown key ${keys}`, line: line(path) };
  }
  // A missing key gets "is required" whatever zod's check was (a type, an enum, a literal).
  const message = isMissing(data, issue.path) ? 'is required' : issue.message;
  return { path: formatPath(issue.path), message, line: line(issue.path) };
}

function aliasProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /alias/i.test(message)
    ? `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} uses): refused as a resource exhaustion attack`
    : `YAML could not be read: ${firstLine(message)}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function pathSegments(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

/** The line of the deepest node of `path` that exists in the YAML document. */
function lineOf(node: unknown, path: ReadonlyArray<PropertyKey>, lc: LineCounter): number | undefined {
  let current = node as YamlNode | null | undefined;
  let best: number | undefined = rangeLine(current, lc);
  for (const seg of path) {
    let next: unknown;
    if (isMap(current)) {
      const pair = current.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      best = rangeLine(pair.key as YamlNode, lc) ?? best;
      next = pair.value;
    } else if (isSeq(current) && typeof seg === 'number') {
      next = current.items[seg];
    } else break;
    current = next as YamlNode | null | undefined;
    best = rangeLine(current, lc) ?? best;
  }
  return best;
}

function rangeLine(node: YamlNode | null | undefined, lc: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lc.linePos(start).line;
}
