/** One problem in a strategy file: where it is and what is wrong, for a person to fix. */
export interface StrategyIssue {
  /** Path in the file, e.g. `roles[2].mandate.maxIntensity`; empty for the file as a whole. */
  path: string;
  message: string;
  /** 1-based line in the YAML text, when known. */
  line?: number;
  /** A warning names dead configuration that cannot change any verdict; the file is still valid. */
  severity?: 'warning';
  /** For an unknown id: the known id of the same kind it is most likely a typo of. */
  suggestion?: string;
}

export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

export function formatIssue(issue: StrategyIssue): string {
  const where = issue.path === '' ? '' : `${issue.path}: `;
  const line = issue.line === undefined ? '' : ` (line ${issue.line})`;
  const hint = issue.suggestion === undefined ? '' : `; did you mean "${issue.suggestion}"?`;
  return `${where}${issue.message}${line}${hint}`;
}

/** True when the last key of `path` is absent from its (present) parent object in `data`. */
export function isMissing(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let parent: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1];
  return (
    last !== undefined &&
    typeof parent === 'object' &&
    parent !== null &&
    !Array.isArray(parent) &&
    (parent as Record<PropertyKey, unknown>)[last] === undefined
  );
}
