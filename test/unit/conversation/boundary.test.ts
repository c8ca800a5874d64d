// The conversation stays channel-neutral and pure: no SDKs, no I/O, no environment, no clock.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../src/conversation/', import.meta.url));
const FORBIDDEN_IMPORT =
  /from\s+['"](?:@slack\/|botbuilder|adaptivecards|kysely|pg['"]|better-sqlite3|node:(?:fs|http|https|net|child_process)|fs['"]|http['"])/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('src/conversation', () => {
  const sources = files(root).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((s) => [s.f.slice(root.length), s.text]))(
    '%s imports no SDK or I/O, reads no env or clock',
    (_f, text) => {
      expect(text).not.toMatch(FORBIDDEN_IMPORT);
      expect(text).not.toMatch(/process\.env|Date\.now\(|new Date\(\)/);
    },
  );
});
