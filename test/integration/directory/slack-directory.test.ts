// People from Slack, against the fake Slack Web API: every page of users.list, the manager from a
// custom field holding an e-mail address, and roles only from fields admins manage; a title a
// person typed themselves raises nothing, and a rule on a field anyone can edit is refused.
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { readSlackDirectory } from '../../../src/directory/slack-directory.js';
import { planSync } from '../../../src/domain/directory/plan-sync.js';
import { type FakeMember, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';

const ROLES = ['employee', 'team-lead', 'manager'];

describe('the Slack directory', () => {
  let fake: FakeSlack | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  const members: FakeMember[] = [
    {
      id: 'U001',
      real_name: 'Carla Jansen',
      email: 'carla@org.example',
      fields: { Xf_role: 'Afdelingshoofd' },
    },
    {
      id: 'U002',
      real_name: 'Bram Bakker',
      email: 'Bram@Org.example',
      title: 'Afdelingshoofd',
      fields: { Xf_role: 'Teamleider', Xf_mgr: 'carla@org.example' },
    },
    // Typed "Directeur" as their own title and in the field anyone may edit: no raise.
    {
      id: 'U003',
      real_name: 'Anna de Vries',
      email: 'anna@org.example',
      title: 'Afdelingshoofd',
      fields: { Xf_mgr: 'bram@org.example', Xf_free: 'Afdelingshoofd' },
    },
    { id: 'U004', real_name: 'Old Bot', is_bot: true },
    { id: 'U005', real_name: 'Gone', email: 'gone@org.example', deleted: true },
    ...Array.from({ length: 450 }, (_, i) => ({
      id: `U1${String(i).padStart(3, '0')}`,
      real_name: `Persoon ${i}`,
      email: `p${i}@org.example`,
    })),
  ];

  it('reads every page, takes managers from the e-mail field and roles only from admin fields', async () => {
    fake = await startFakeSlack({
      members,
      profileFields: [
        { id: 'Xf_role', label: 'Rol', isProtected: true },
        { id: 'Xf_mgr', label: 'Leidinggevende', isProtected: true },
        { id: 'Xf_free', label: 'Functie (vrij)' },
      ],
    });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
    const read = await readSlackDirectory(client, {
      managerField: 'Leidinggevende',
      ruleFields: ['Rol', 'Functie (vrij)'],
    });
    expect(fake.callsOf('users.list').length).toBeGreaterThanOrEqual(3);
    expect(read.people).toHaveLength(453);
    expect(read.warnings).toEqual([
      'Slack profile field "Functie (vrij)" can be edited by each person: no role comes from it',
    ]);
    const plan = planSync({
      known: [],
      directory: read.people,
      rules: [
        { field: 'Functie (vrij)', value: 'Afdelingshoofd', role: 'manager' },
        { field: 'Rol', value: 'Afdelingshoofd', role: 'manager' },
        { field: 'Rol', value: 'Teamleider*', role: 'team-lead' },
      ],
      roles: ROLES,
    });
    const added = new Map(plan.adds.map((a) => [a.values.email, a]));
    expect(added.get('carla@org.example')?.values.role).toBe('manager');
    expect(added.get('bram@org.example')?.values).toMatchObject({ role: 'team-lead', slackId: 'U002' });
    expect(added.get('anna@org.example')?.values.role).toBe('employee');
    expect(added.get('anna@org.example')?.values.reportsTo).toBe(added.get('bram@org.example')?.id);
    expect(added.get('bram@org.example')?.values.reportsTo).toBe(added.get('carla@org.example')?.id);
    expect(added.has('gone@org.example')).toBe(false);
  });
});
