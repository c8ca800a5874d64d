// The folders of src/ form layers: no folder imports, directly or through others, a folder that
// imports it back (each part of src/domain counts as a folder of its own). A cycle means a
// concern sits in the wrong place; the test names the cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `channels`, `store`, `domain/check`; files directly in src/ (config, logger) are `(root)`. */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split('/');
  if (parts.length === 1) return '(root)';
  if (parts[0] === 'domain') return parts.length === 2 ? 'domain' : `domain/${parts[1]}`;
  return parts[0] as string;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(SRC)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), m[1] as string));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the folders of src/', () => {
  const graph = folderGraph();

  it('are all seen', () => {
    for (const folder of [
      'app',
      'channels',
      'application',
      'cli',
      'conversation',
      'domain/check',
      'domain/texts',
      'store',
      'workflow',
    ])
      expect(graph.has(folder), folder).toBe(true);
  });

  it('import each other without cycles', () => {
    const cycle = findCycle(graph);
    expect(cycle ? cycle.join(' -> ') : null).toBeNull();
  });

  it('keep the composition root at the top: nothing imports app/ but the command line', () => {
    const importers = [...graph].filter(([, to]) => to.has('app')).map(([from]) => from);
    expect(importers.sort()).toEqual(['cli']);
  });

  it('keep the store below the application and the channels, and the check inside the domain', () => {
    expect([...(graph.get('store') ?? [])].filter((f) => f === 'channels' || f === 'application')).toEqual(
      [],
    );
    expect([...(graph.get('domain/check') ?? [])].every((f) => f.startsWith('domain'))).toBe(true);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });
});
