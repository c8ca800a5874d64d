// The short reliability campaign (`npm run reliability -- --short`) as part of `npm test`: every
// row must pass (or say why it does not apply). It runs as a child process, as anyone would run
// it; a row that falls short makes it exit 1 and this test fail, with the campaign's lines shown.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runShortCampaign(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'reliability/run.ts', '--short'], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the short reliability campaign', () => {
  it('passes every row', async () => {
    const r = await runShortCampaign();
    const rows = r.stdout.split('\n').filter((l) => /^[A-Z]\d+ +\| /.test(l));
    const failed = rows.filter((l) => !/^\S+ +\| (pass|n\/a) /.test(l));
    expect(failed, `${r.stdout}\n${r.stderr.slice(-4000)}`).toEqual([]);
    // Every row of docs/reliability.md: S1–S5, T1–T3, A1–A8, C1–C4, O1–O5, I1–I6, J1–J5, R1–R2.
    expect(rows.length, r.stdout).toBe(38);
    expect(r.code, `${r.stdout}\n${r.stderr.slice(-4000)}`).toBe(0);
  }, 480_000);
});
