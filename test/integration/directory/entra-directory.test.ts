// Reading Entra ID through Graph, against a local fake with Graph's response shapes: pages,
// managers (also outside the group), absences, a refused mailbox permission, throttling, and a
// token kept until shortly before it expires.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEntraDirectory } from '../../../src/directory/entra-directory.js';
import { createGraphClient, type GraphClient } from '../../../src/directory/graph-client.js';
import { type FakeGraph, startFakeGraph } from '../../support/fake-graph.js';

describe('Entra ID through Microsoft Graph', () => {
  let g: FakeGraph;
  let graph: GraphClient;
  let clock = 0;
  const slept: number[] = [];
  beforeEach(async () => {
    g = await startFakeGraph();
    clock = 1_000_000;
    slept.length = 0;
    graph = createGraphClient({
      config: {
        graphUrl: g.url,
        loginUrl: g.loginUrl,
        clientId: 'app-1',
        clientSecret: 'secret-1',
        tenantId: 'tenant-1',
        teamsCatalogAppId: 'catalog-1',
      },
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    for (let i = 0; i < 250; i++)
      g.users.set(`id-${i}`, {
        id: `id-${i}`,
        displayName: `Person ${i}`,
        mail: `p${i}@example.org`,
        department: i % 2 ? 'Water' : 'Energie',
        managerId: i === 0 ? null : 'id-0',
        ...(i === 7
          ? { autoReplies: { status: 'scheduled' as const, start: '2026-12-01', end: '2026-12-10' } }
          : {}),
        ...(i === 8 ? { autoReplies: { status: 'alwaysEnabled' as const } } : {}),
      });
  });
  afterEach(async () => {
    await g.close();
  });

  it('reads every page of all users with their managers and absences', async () => {
    const read = await readEntraDirectory(graph, {});
    expect(read.people).toHaveLength(250);
    expect(read.warnings).toEqual([]);
    const p7 = read.people.find((p) => p.directoryId === 'id-7');
    expect(p7).toMatchObject({
      managerDirectoryId: 'id-0',
      absence: { from: '2026-12-01', until: '2026-12-10' },
    });
    expect(read.people.find((p) => p.directoryId === 'id-8')?.absence).toMatchObject({ until: null });
    expect(read.people.find((p) => p.directoryId === 'id-9')?.absence).toBeNull();
    expect(g.calls.filter((c) => c.path.startsWith('/v1.0/users?')).length).toBe(3);
  });

  it('reads a group transitively, and a manager outside it as a person on the line', async () => {
    g.groups.set('grp', new Set(['id-1', 'id-2']));
    const read = await readEntraDirectory(graph, { group: 'grp' });
    expect(read.people.map((p) => [p.directoryId, p.outsideGroup === true]).sort()).toEqual([
      ['id-0', true],
      ['id-1', false],
      ['id-2', false],
    ]);
  });

  it('skips absence with a warning when the tenant refuses MailboxSettings.Read', async () => {
    g.options.mailboxRefused = true;
    const read = await readEntraDirectory(graph, {});
    expect(read.people).toHaveLength(250);
    expect(read.people.every((p) => !('absence' in p))).toBe(true);
    expect(read.warnings).toEqual([expect.stringMatching(/MailboxSettings\.Read/)]);
  });

  it("waits out a 429's Retry-After and goes on", async () => {
    g.options.throttle = { count: 2, retryAfter: 3 };
    const read = await readEntraDirectory(graph, {});
    expect(read.people).toHaveLength(250);
    expect(slept.slice(0, 2)).toEqual([3000, 3000]);
  });

  it('keeps its token until shortly before it expires, then fetches a new one', async () => {
    await graph.get('/v1.0/users/id-1/manager');
    await graph.get('/v1.0/users/id-2/manager');
    expect(g.tokensIssued).toBe(1);
    clock += 3599_000 - 4 * 60_000;
    await graph.get('/v1.0/users/id-3/manager');
    expect(g.tokensIssued).toBe(2);
  });
});
