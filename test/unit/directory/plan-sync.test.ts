// Planning a directory sync: matching, roles from rules, who wins, leavers held back.
import { describe, expect, it } from 'vitest';
import type {
  DirectoryPerson,
  KnownPerson,
  PersonField,
} from '../../../src/domain/directory/directory-person.js';
import { planSync } from '../../../src/domain/directory/plan-sync.js';
import { matches, roleFor } from '../../../src/domain/directory/role-rules.js';

const ROLES = ['employee', 'team-lead', 'manager', 'director'];
const RULES = [
  { jobTitle: 'Teamleider*', role: 'team-lead' },
  { department: 'Directie', role: 'director' },
];

const known = (id: string, o: Partial<KnownPerson> = {}): KnownPerson => ({
  id,
  name: id,
  email: `${id.slice(2)}@example.org`,
  role: 'employee',
  unit: null,
  reportsTo: null,
  slackId: null,
  teamsId: null,
  language: null,
  absentFrom: null,
  absentUntil: null,
  active: true,
  directoryId: null,
  owned: new Set<PersonField>(),
  ...o,
});
const entry = (id: string, o: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  directoryId: `aad-${id}`,
  name: `Person ${id}`,
  email: `${id}@example.org`,
  ...o,
});

describe('roles from rules', () => {
  it('takes the first rule that matches, with wildcards and any case; else the lowest role', () => {
    expect(roleFor(entry('a', { jobTitle: 'teamleider water' }), RULES, 'employee')).toEqual({
      role: 'team-lead',
      rule: 0,
    });
    expect(roleFor(entry('b', { department: 'DIRECTIE' }), RULES, 'employee')).toEqual({
      role: 'director',
      rule: 1,
    });
    expect(roleFor(entry('c', { jobTitle: 'Adviseur' }), RULES, 'employee')).toEqual({
      role: 'employee',
      rule: null,
    });
    expect(matches('Teamleider*', '')).toBe(false);
  });
});

describe('planning a sync', () => {
  it('matches by e-mail, fills what nobody set, and names a role raise with its rule', () => {
    const plan = planSync({
      known: [known('u-bram', { owned: new Set<PersonField>(['name']) })],
      directory: [
        entry('bram', { name: 'B. Bakker', jobTitle: 'Teamleider Energie', department: 'Energie' }),
      ],
      rules: RULES,
      roles: ROLES,
    });
    expect(plan.adds).toEqual([]);
    expect(plan.changes).toEqual([
      {
        id: 'u-bram',
        directoryId: 'aad-bram',
        links: true,
        fields: { unit: { from: null, to: 'Energie' }, role: { from: 'employee', to: 'team-lead' } },
      },
    ]);
    expect(plan.raises).toEqual([{ id: 'u-bram', from: 'employee', to: 'team-lead', rule: 0 }]);
  });

  it('adds new people with their manager, managers outside the group too, and changes nothing the second time', () => {
    const directory = [
      entry('anna', { managerDirectoryId: 'aad-carla' }),
      entry('carla', { outsideGroup: true, department: 'Directie' }),
    ];
    const first = planSync({ known: [], directory, rules: RULES, roles: ROLES });
    expect(first.adds.map((a) => [a.id, a.values.role, a.values.reportsTo])).toEqual([
      ['u-anna', 'employee', 'u-carla'],
      ['u-carla', 'director', null],
    ]);
    const now: KnownPerson[] = first.adds.map((a) =>
      known(a.id, { ...a.values, directoryId: a.directoryId, absentFrom: null, absentUntil: null }),
    );
    const again = planSync({ known: now, directory, rules: RULES, roles: ROLES });
    expect(again).toEqual({ adds: [], changes: [], raises: [], deactivations: [], heldBack: null });
  });

  it('deactivates a leaver, but holds back when more than a tenth would go, unless forced', () => {
    const people = Array.from({ length: 20 }, (_, i) => known(`u-p${i}`, { directoryId: `aad-p${i}` }));
    const all = people.map((p) => entry(p.id.slice(2)));
    const oneGone = planSync({ known: people, directory: all.slice(1), rules: [], roles: ROLES });
    expect(oneGone.deactivations).toEqual(['u-p0']);
    const empty = planSync({ known: people, directory: [], rules: [], roles: ROLES });
    expect(empty.deactivations).toEqual([]);
    expect(empty.heldBack).toEqual({ count: 20, of: 20 });
    expect(
      planSync({ known: people, directory: [], rules: [], roles: ROLES, force: true }).deactivations,
    ).toHaveLength(20);
  });

  it('leaves absence alone when the mailbox was not read, and reads a window or no end', () => {
    const p = known('u-ilse', {
      name: 'Person ilse',
      directoryId: 'aad-ilse',
      absentFrom: '2026-12-01',
      absentUntil: '2026-12-05',
    });
    expect(planSync({ known: [p], directory: [entry('ilse')], rules: [], roles: ROLES }).changes).toEqual([]);
    const always = planSync({
      known: [p],
      directory: [entry('ilse', { absence: { from: '2026-12-03', until: null } })],
      rules: [],
      roles: ROLES,
    });
    expect(always.changes[0]?.fields).toEqual({
      absentFrom: { from: '2026-12-01', to: '2026-12-03' },
      absentUntil: { from: '2026-12-05', to: null },
    });
  });
});
