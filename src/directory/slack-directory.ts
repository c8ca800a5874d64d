// People from Slack: `users.list` (every page), matched to people by e-mail; the manager from a
// custom profile field that holds the manager's e-mail address; and the custom profile fields
// only admins can set (`team.profile.get`: protected or SCIM-managed), the only ones that may
// raise a role. A person can edit their own title, so a title never raises anything.
import type { webApi } from '@slack/bolt';
import type { DirectoryPerson } from '../domain/directory/directory-person.js';

interface SlackMember {
  id: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  real_name?: string;
  name?: string;
  locale?: string;
  profile?: { email?: string; real_name?: string; title?: string };
}

interface ProfileField {
  id?: string;
  label?: string;
  options?: { is_protected?: boolean | number; is_scim?: boolean | number } | null;
}

export interface SlackDirectoryRead {
  people: DirectoryPerson[];
  warnings: string[];
}

const PAGE = 200;

export async function readSlackDirectory(
  client: webApi.WebClient,
  o: { managerField?: string | undefined; ruleFields: ReadonlyArray<string> },
): Promise<SlackDirectoryRead> {
  const warnings: string[] = [];
  const members: SlackMember[] = [];
  let cursor: string | undefined;
  do {
    const page = (await client.users.list({ limit: PAGE, ...(cursor ? { cursor } : {}) })) as {
      members?: SlackMember[];
      response_metadata?: { next_cursor?: string };
    };
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);

  // Which custom fields are admin-managed, by label or id.
  const team = (await client.team.profile.get({})) as { profile?: { fields?: ProfileField[] } };
  const fields = team.profile?.fields ?? [];
  const fieldId = (name: string) => fields.find((f) => f.label === name || f.id === name)?.id;
  const managed = new Set(
    fields.filter((f) => Boolean(f.options?.is_protected) || Boolean(f.options?.is_scim)).map((f) => f.id),
  );
  const wanted = [...new Set([...o.ruleFields, ...(o.managerField ? [o.managerField] : [])])];
  for (const name of o.ruleFields) {
    const id = fieldId(name);
    if (id === undefined)
      warnings.push(`Slack profile field "${name}" does not exist: no role comes from it`);
    else if (!managed.has(id))
      warnings.push(`Slack profile field "${name}" can be edited by each person: no role comes from it`);
  }

  const people: DirectoryPerson[] = [];
  for (const m of members) {
    if (m.deleted || m.is_bot || m.is_app_user || m.id === 'USLACKBOT') continue;
    const values: Record<string, string> = {};
    if (wanted.length > 0) {
      const p = (await client.users.profile.get({ user: m.id })) as {
        profile?: { fields?: Record<string, { value?: string }> };
      };
      for (const name of wanted) {
        const id = fieldId(name);
        const value = id ? p.profile?.fields?.[id]?.value : undefined;
        if (value) values[name] = value;
      }
    }
    const managedFields: Record<string, string> = {};
    for (const name of o.ruleFields) {
      const id = fieldId(name);
      if (id && managed.has(id) && values[name]) managedFields[name] = values[name] as string;
    }
    const email = m.profile?.email?.toLowerCase() ?? null;
    const language = m.locale?.slice(0, 2).toLowerCase();
    people.push({
      directoryId: m.id,
      name: m.profile?.real_name || m.real_name || m.name || m.id,
      email,
      managedFields,
      managerEmail: o.managerField ? (values[o.managerField]?.toLowerCase() ?? null) : null,
      language: language === 'nl' || language === 'en' ? language : null,
      slackId: m.id,
    });
  }
  return { people, warnings };
}
