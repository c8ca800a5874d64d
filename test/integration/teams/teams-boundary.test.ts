// The Bot Framework SDK and the Adaptive Cards packages stay inside src/channels/teams, so moving
// to the Microsoft 365 Agents SDK is one folder; and the channel reads no environment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../../src/', import.meta.url));
const TEAMS_SDK =
  /from\s+['"](?:botbuilder|botframework-|adaptivecards|@microsoft\/agents-)|require\(['"](?:botbuilder|adaptivecards)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the Teams SDK boundary', () => {
  const sources = files(src).map((f) => ({ f: f.slice(src.length), text: readFileSync(f, 'utf8') }));

  it('imports botbuilder and adaptivecards only in src/channels/teams', () => {
    const outside = sources
      .filter((s) => !s.f.startsWith('channels/teams/') && TEAMS_SDK.test(s.text))
      .map((s) => s.f);
    expect(outside).toEqual([]);
    expect(
      sources.filter((s) => s.f.startsWith('channels/teams/') && TEAMS_SDK.test(s.text)).length,
    ).toBeGreaterThan(3);
  });

  it('reads no environment in src/channels/teams (config is passed in)', () => {
    const reading = sources
      .filter((s) => s.f.startsWith('channels/teams/') && /process\.env/.test(s.text))
      .map((s) => s.f);
    expect(reading).toEqual([]);
  });
});
