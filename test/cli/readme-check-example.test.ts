// The README's `koers check` example is what the built command does: its proposal, run with its
// command line, prints its output exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koers, ROOT, scratch } from './run-koers.js';

const SECTION = '## Checking a proposal from the command line';

function readmeExample() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  expect(start, `README section "${SECTION}"`).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf('\n## ', start + SECTION.length));
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({
    lang: m[1],
    text: m[2] ?? '',
  }));
  const [proposal, output] = blocks.filter((b) => b.lang === 'json');
  const command = blocks.find((b) => b.lang === 'bash');
  if (!proposal || !output || !command)
    throw new Error('the README example needs a proposal, a command and an output');
  return { proposal: proposal.text, output: output.text, command: command.text };
}

describe('the README example of koers check', () => {
  it('prints the output the README shows', async () => {
    const example = readmeExample();
    const { 'proposal.json': file } = scratch({ 'proposal.json': example.proposal });
    const words = example.command.replace(/\\\n/g, ' ').trim().split(/\s+/);
    expect(words.slice(0, 2)).toEqual(['npx', 'koers']);
    const args = words.slice(2).map((w) => (w === 'proposal.json' ? (file as string) : w));
    const run = await koers(args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(`${example.output}\n`);
  });
});
