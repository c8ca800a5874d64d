// `koers sync-people` and `koers export --people` as an operator runs them, against a local fake
// of Microsoft Graph: a directory of 1,000 people with managers and absences lands with the
// strategy's role rules, a second sync changes nothing, a dry run writes nothing, an empty
// answer deactivates nobody, and a leaver is kept, inactive.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_ROLES, organisation, strategyWithDirectory } from '../support/directory-strategy.js';
import { type FakeGraph, startFakeGraph } from '../support/fake-graph.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { workspace } from './run-koers.js';

interface ExportedPerson {
  id: string;
  name: string;
  email: string | null;
  role: string;
  reports_to: string | null;
  teams_id: string | null;
  language: string | null;
  absent_from: string | null;
  absent_until: string | null;
  active: boolean;
}

describe('koers sync-people from Entra ID', () => {
  let g: FakeGraph;
  let ws: ReturnType<typeof workspace>;
  let env: Record<string, string>;
  beforeAll(async () => {
    g = await startFakeGraph();
    for (const u of organisation(1000)) g.users.set(u.id, u);
    ws = workspace();
    const strategy = join(ws.paths.dir, 'strategy.yaml');
    writeFileSync(strategy, strategyWithDirectory(`  source: entra\n  every: 4h\n${ENTRA_ROLES}`));
    env = {
      KOERS_STRATEGY: strategy,
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 'secret-1',
      MicrosoftAppTenantId: 'tenant-1',
      KOERS_GRAPH_URL: g.url,
      KOERS_LOGIN_URL: g.loginUrl,
    };
  });
  afterAll(async () => {
    await g.close();
  });

  const people = async (): Promise<Map<string, ExportedPerson>> => {
    const out = await ws.run(['export', '--people'], env);
    expect(out.code, out.stderr).toBe(0);
    const list = JSON.parse(out.stdout) as ExportedPerson[];
    return new Map(list.map((p) => [p.email ?? p.id, p]));
  };

  it('brings in 1,000 people with roles from the rules, their managers and absences', async () => {
    g.options.throttle = { count: 1, retryAfter: 1 };
    const r = await ws.run(['sync-people'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/done: 1000 added, 0 changed, 0 raised, 0 deactivated/);
    expect(r.stdout).toMatch(/^add u-m7: Medewerker 7 <m7@provincie\.example> as /m);
    expect(g.calls.some((c) => c.status === 429)).toBe(true);

    const byEmail = await people();
    expect(byEmail.size).toBe(1000);
    const of = (i: number) => byEmail.get(`m${i}@provincie.example`) as ExportedPerson;
    expect(of(0).role).toBe('director');
    expect(of(3).role).toBe('manager');
    expect(of(20).role).toBe('team-lead');
    expect(of(500).role).toBe('employee');
    const counts = new Map<string, number>();
    for (const p of byEmail.values()) counts.set(p.role, (counts.get(p.role) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ director: 1, manager: 10, 'team-lead': 50, employee: 939 });
    // Reports-to follows the directory's managers, by Koers's ids.
    expect(of(500).reports_to).toBe(of(11 + (500 % 50)).id);
    expect(of(11).reports_to).toBe(of(1 + (11 % 10)).id);
    expect(of(0).reports_to).toBeNull();
    expect(of(500).teams_id).toBe('e-500');
    expect(of(13).language).toBe('en');
    expect([of(55).absent_from, of(55).absent_until]).toEqual(['2026-12-01', '2026-12-24']);
    expect([of(9).absent_from, of(9).absent_until]).toEqual(['0000-01-01', null]);
    expect(of(56).absent_from).toBeNull();
  });

  it('changes nothing on a second sync', async () => {
    const r = await ws.run(['sync-people'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(
      'done: 0 added, 0 changed, 0 raised, 0 deactivated, 0 open cases handed on, 0 records moved to their person',
    );
  });

  it('shows a role raise in a dry run and writes nothing', async () => {
    const u = g.users.get('e-700');
    if (!u) throw new Error('no e-700');
    u.jobTitle = 'Teamleider Wegen';
    const dry = await ws.run(['sync-people', '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^raise u-m700: employee -> team-lead \(rule 3 of directory\.roles\)$/m);
    expect(dry.stdout).toMatch(/dry run, nothing written: 0 added, 1 changed, 1 raised, 0 deactivated/);
    expect((await people()).get('m700@provincie.example')?.role).toBe('employee');
    const real = await ws.run(['sync-people'], env);
    expect(real.stdout).toMatch(/done: 0 added, 1 changed, 1 raised/);
    expect((await people()).get('m700@provincie.example')?.role).toBe('team-lead');
    const db = new Database(ws.dbPath, { readonly: true });
    const raised = db.prepare("select data from audit_log where action = 'role_raised'").all() as Array<{
      data: string;
    }>;
    db.close();
    expect(raised.map((r) => JSON.parse(r.data))).toEqual([
      { person: 'u-m700', from: 'employee', to: 'team-lead', rule: 3 },
    ]);
    const audit = await ws.run(['audit', 'verify'], env);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  });

  it('deactivates nobody when the directory answers empty, and says why', async () => {
    const saved = new Map(g.users);
    g.users.clear();
    try {
      const r = await ws.run(['sync-people'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/warning: not deactivating anyone: 1000 of 1000 people are missing/);
      expect(r.stdout).toMatch(/0 deactivated/);
      expect([...(await people()).values()].every((p) => p.active)).toBe(true);
    } finally {
      for (const [k, v] of saved) g.users.set(k, v);
    }
  });

  it('keeps a leaver for history, inactive, and lists them in the CSV export', async () => {
    g.users.delete('e-600');
    const r = await ws.run(['sync-people'], env);
    expect(r.stdout).toMatch(/^deactivate u-m600$/m);
    expect(r.stdout).toMatch(/1 deactivated/);
    const gone = (await people()).get('m600@provincie.example');
    expect(gone?.active).toBe(false);
    const csv = await ws.run(['export', '--people', '--format', 'csv'], env);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'id,name,email,role,unit,reports_to,slack_id,teams_id,language,absent_from,absent_until,active,notify',
    );
    expect(lines).toHaveLength(1001);
    expect(lines.find((l) => l.startsWith('u-m600,'))).toMatch(/,no,$/);
  });

  it('refuses clearly when the strategy has no directory section', async () => {
    const r = await ws.run(['sync-people'], {
      ...env,
      KOERS_STRATEGY: join(process.cwd(), 'config/strategy.example.yaml'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no directory: section/);
  });
});

describe('koers sync-people from Slack', () => {
  let fake: FakeSlack;
  afterAll(async () => {
    await fake.close();
  });

  it('brings in the workspace by e-mail, managers from the profile field, roles only from admin fields', async () => {
    fake = await startFakeSlack({
      members: [
        {
          id: 'U1',
          real_name: 'Carla Jansen',
          email: 'carla@org.example',
          fields: { F_role: 'Afdelingshoofd' },
        },
        {
          id: 'U2',
          real_name: 'Bram Bakker',
          email: 'bram@org.example',
          title: 'Directeur',
          fields: { F_mgr: 'carla@org.example' },
        },
      ],
      profileFields: [
        { id: 'F_role', label: 'Rol', isProtected: true },
        { id: 'F_mgr', label: 'Leidinggevende', isProtected: true },
      ],
    });
    const ws = workspace();
    const strategy = join(ws.paths.dir, 'strategy.yaml');
    writeFileSync(
      strategy,
      strategyWithDirectory(
        '  source: slack\n  managerField: Leidinggevende\n  roles:\n    - { field: Rol, value: "Afdelingshoofd*", role: manager }\n',
      ),
    );
    const env = {
      KOERS_STRATEGY: strategy,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.apiUrl,
    };
    const r = await ws.run(['sync-people'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^add u-carla: Carla Jansen <carla@org\.example> as manager$/m);
    expect(r.stdout).toMatch(/^add u-bram: Bram Bakker <bram@org\.example> as employee$/m);
    const out = await ws.run(['export', '--people'], env);
    const people = JSON.parse(out.stdout) as ExportedPerson[];
    expect(people.find((p) => p.id === 'u-bram')).toMatchObject({ reports_to: 'u-carla', role: 'employee' });
    expect(people.find((p) => p.id === 'u-carla')).toMatchObject({ role: 'manager' });
  });
});
