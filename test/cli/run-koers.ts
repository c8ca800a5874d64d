// Runs the real, built `koers` command (bin/koers.js -> dist/) as a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_STRATEGY = join(ROOT, 'config/strategy.example.yaml');
export const EXAMPLE_PORTFOLIO = join(ROOT, 'config/portfolio.example.csv');

export interface KoersRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into its non-empty lines. */
  errors: string[];
}

/** Runs `koers ARGS` in the checkout; killed after 20 s, so a command that never ends fails its test. */
export function koers(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<KoersRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/koers.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, errors: stderr.split('\n').filter((l) => l !== '') });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** A scratch directory with the given files written into it; returns their paths by name. */
export function scratch(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'koers-cli-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], text);
  }
  return Object.assign(paths, { dir });
}

const NO_STACK = /^\s+at /m;

/**
 * A scratch directory with its own SQLite database, and `koers` run in it against that database
 * and the example strategy (a run that prints a stack trace fails).
 */
export function workspace(files: Record<string, string> = {}) {
  const paths = scratch(files);
  const dbPath = join(paths.dir, 'koers.db');
  const run = (
    args: string[],
    env: Record<string, string> = {},
    /** Node's own options (e.g. a heap limit). */
    nodeArgs: string[] = [],
  ): Promise<KoersRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/koers.js'), ...args], {
        cwd: paths.dir,
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          USER: 'tester',
          KOERS_STRATEGY: EXAMPLE_STRATEGY,
          KOERS_DATABASE_URL: `sqlite:${dbPath}`,
          ...env,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (NO_STACK.test(stderr)) reject(new Error(`koers printed a stack trace:\n${stderr}`));
        else resolve({ code, stdout, stderr, errors: stderr.split('\n').filter((l) => l !== '') });
      });
      child.stdin.end();
    });
  return { paths, dbPath, run };
}

/** The contract §4 proposal: an employee asking for a € 25.000 project with TU Delft. */
export const CONTRACT_PROPOSAL = {
  partner: { name: 'TU Delft', type: 'knowledge-institution' },
  priority: 'energy-transition',
  intensity: 'project',
  budget: 25000,
  months: 6,
  direction: 'we_need',
  requester: { id: 'u-anna', role: 'employee' },
};
