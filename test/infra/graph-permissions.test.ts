// The Graph permissions Koers asks for are listed alike in the README and in infra/, and the
// Slack manifest asks for the scopes the directory sync needs and the README names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('permissions for the directory', () => {
  it('lists the same Graph application permissions in the README and in infra/', () => {
    const infra = JSON.parse(read('infra/azure/graph-permissions.json')) as {
      resourceAppId: string;
      applicationPermissions: Array<{ name: string }>;
    };
    expect(infra.resourceAppId).toBe('00000003-0000-0000-c000-000000000000');
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Microsoft Graph permissions'));
    const table = section.slice(0, section.indexOf('\n## '));
    const inReadme = [...table.matchAll(/^\| `([A-Za-z.]+)` \|/gm)].map((m) => m[1]);
    expect(inReadme.sort()).toEqual(infra.applicationPermissions.map((p) => p.name).sort());
    expect(inReadme).toContain('TeamsAppInstallation.ReadWriteSelfForUser.All');
  });

  it('asks Slack for the scopes the directory sync uses, as the README says', () => {
    const manifest = read('manifests/slack/manifest.yaml');
    for (const scope of ['users:read.email', 'users.profile:read']) {
      expect(manifest).toMatch(new RegExp(`- ${scope.replace('.', '\\.')} #`));
      expect(read('README.md')).toContain(`\`${scope}\``);
    }
  });
});
