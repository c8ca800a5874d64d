// `koers serve` refuses to start on bad configuration: every problem listed, exit 2, nothing
// served and no stack trace (interfaces.md "Environment").
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-koers.js';

function serve(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean: NodeJS.ProcessEnv = { ...process.env };
    for (const k of [
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'KOERS_STRATEGY',
      'KOERS_DATABASE_URL',
      'PORT',
    ])
      delete clean[k];
    const child = spawn(process.execPath, [join(ROOT, 'bin/koers.js'), 'serve'], {
      env: { ...clean, ...env },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('koers serve on bad configuration', () => {
  it('lists every bad variable and exits 2', async () => {
    const r = await serve({
      PORT: 'abc',
      SLACK_BOT_TOKEN: 'xoxb-1',
      KOERS_DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/KOERS_DATABASE_URL/);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a partial Slack configuration', async () => {
    const r = await serve({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SLACK_SIGNING_SECRET/);
  });

  it('lists every problem of an invalid strategy file and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-serve-'));
    try {
      const path = join(dir, 'strategy.yaml');
      writeFileSync(path, 'version: 1\norganisation: { name: X }\npriorities: []\n');
      const r = await serve({ KOERS_STRATEGY: path, KOERS_DATABASE_URL: `sqlite:${join(dir, 'k.db')}` });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/priorities/);
      expect(r.stderr).toMatch(/partnerTypes/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
