// Every path the docs and the README name in src/, test/, docs/, infra/, manifests/ or cards/
// exists: a file moved or renamed without its docs fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const PATH = /(?<![\w./-])((?:src|test|docs|infra|manifests|cards)\/[\w./*-]*[\w*-])/g;

/** A path, or a pattern with `*` (`test/contract/jobs-*.test.ts`) that some file matches. */
function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(ROOT, path));
  const dir = path.slice(0, path.lastIndexOf('/'));
  const name = new RegExp(
    `^${path
      .slice(dir.length + 1)
      .replace(/[.]/g, '\\.')
      .replace(/\*/g, '.*')}$`,
  );
  return existsSync(join(ROOT, dir)) && readdirSync(join(ROOT, dir)).some((f) => name.test(f));
}

function pathsIn(doc: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  // `src/channels/{slack,teams}` names two folders.
  const expanded = text.replace(/([\w./-]*)\{([\w,-]+)\}/g, (_, head: string, alts: string) =>
    alts
      .split(',')
      .map((a) => `${head}${a}`)
      .join(' '),
  );
  return [...new Set([...expanded.matchAll(PATH)].map((m) => (m[1] as string).replace(/\.$/, '')))];
}

describe('paths named in the docs', () => {
  it('include the architecture walk-through', () => {
    expect(DOCS).toContain('docs/architecture.md');
    expect(pathsIn('docs/architecture.md').length).toBeGreaterThan(30);
  });

  it.each(DOCS)('%s names only paths that exist', (doc) => {
    const missing = pathsIn(doc).filter((p) => !exists(p));
    expect(missing).toEqual([]);
  });
});
