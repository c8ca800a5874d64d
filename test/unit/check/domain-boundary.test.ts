// Every part of the domain is pure (a core without channels, storage or a clock): no SDK,
// no I/O, no environment, no clock. node:crypto is allowed (the strategy's SHA-256 is pure).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN = fileURLToPath(new URL('../../../src/domain/', import.meta.url));
/** Every folder of src/domain, and the files directly in it: all of them are held to this. */
const PURE_DIRS = readdirSync(DOMAIN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const FORBIDDEN_IMPORT =
  /from\s+['"](?:@slack\/|botbuilder|adaptivecards|kysely|pg['"]|better-sqlite3|pino|node:(?:fs|http|https|net|child_process|worker_threads)|fs['"]|http['"])/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('src/domain, every folder', () => {
  const rootFiles = readdirSync(DOMAIN)
    .filter((n) => n.endsWith('.ts'))
    .map((n) => join(DOMAIN, n));
  const sources = [...PURE_DIRS.flatMap((d) => files(join(DOMAIN, d))), ...rootFiles].map((f) => ({
    name: f.slice(DOMAIN.length),
    text: readFileSync(f, 'utf8'),
    outside: [...readFileSync(f, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)]
      .map((m) => resolve(dirname(f), m[1] as string))
      .filter((target) => !target.startsWith(DOMAIN)),
  }));

  it('has sources to check, in all of its folders', () => {
    expect(PURE_DIRS.sort()).toEqual(
      expect.arrayContaining(['check', 'digest', 'directory', 'portfolio', 'strategy', 'texts', 'workflow']),
    );
    expect(sources.length).toBeGreaterThan(15);
  });

  it.each(sources.map((s) => [s.name, s.text, s.outside] as const))(
    '%s imports no SDK, I/O or outer layer, reads no env or clock',
    (_, text, outside) => {
      expect(text).not.toMatch(FORBIDDEN_IMPORT);
      expect(outside).toEqual([]);
      expect(text).not.toMatch(/process\.env|Date\.now\(|new Date\(\)/);
    },
  );
});
