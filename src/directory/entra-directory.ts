// People from Microsoft Entra ID through Graph: the (transitive) members of a group, or all
// users; each one's manager (a manager outside the group is read too, as a person on the line);
// department, job title, preferred language; and absence from the mailbox's automatic replies
// (`scheduled` is a window, `alwaysEnabled` an absence without an end). A tenant that refuses
// MailboxSettings.Read gives no absences, with a warning, not a failure.
import type { DirectoryPerson } from '../domain/directory/directory-person.js';
import { type GraphClient, isGraphError } from './graph-client.js';

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean | null;
  manager?: { id?: string } | null;
}

interface AutoReplies {
  status?: 'disabled' | 'alwaysEnabled' | 'scheduled';
  scheduledStartDateTime?: { dateTime?: string; timeZone?: string } | null;
  scheduledEndDateTime?: { dateTime?: string; timeZone?: string } | null;
}

export interface DirectoryRead {
  people: DirectoryPerson[];
  warnings: string[];
}

const SELECT = 'id,displayName,mail,userPrincipalName,jobTitle,department,preferredLanguage,accountEnabled';
const CONCURRENCY = 4;

export async function readEntraDirectory(
  graph: GraphClient,
  o: { group?: string | undefined },
): Promise<DirectoryRead> {
  const warnings: string[] = [];
  const members = o.group
    ? await graph.list<GraphUser>(
        `/v1.0/groups/${encodeURIComponent(o.group)}/transitiveMembers/microsoft.graph.user?$select=${SELECT}`,
      )
    : await graph.list<GraphUser>(`/v1.0/users?$select=${SELECT}&$expand=manager($select=id)`);
  const users = new Map(members.filter((u) => u.accountEnabled !== false).map((u) => [u.id, u]));
  const inGroup = new Set(users.keys());

  // The expand gives the manager for all users; group members' managers are asked one by one.
  const managerOf = new Map<string, string>();
  for (const u of users.values()) if (u.manager?.id) managerOf.set(u.id, u.manager.id);
  if (o.group) {
    await inBatches([...users.keys()], async (id) => {
      try {
        const m = await graph.get<GraphUser>(
          `/v1.0/users/${encodeURIComponent(id)}/manager?$select=${SELECT}`,
        );
        managerOf.set(id, m.id);
        if (!users.has(m.id)) users.set(m.id, m);
      } catch (err) {
        if (!isGraphError(err) || err.status !== 404) throw err;
      }
    });
  }

  // Absence, when the tenant lets Koers read mailbox settings.
  const absence = new Map<string, DirectoryPerson['absence']>();
  let mailboxRefused = false;
  await inBatches([...users.keys()], async (id) => {
    if (mailboxRefused) return;
    try {
      const s = await graph.get<AutoReplies>(
        `/v1.0/users/${encodeURIComponent(id)}/mailboxSettings/automaticRepliesSetting`,
      );
      absence.set(id, absenceOf(s));
    } catch (err) {
      if (isGraphError(err) && (err.status === 403 || err.status === 401)) mailboxRefused = true;
      else if (isGraphError(err) && err.status === 404) absence.set(id, null);
      else throw err;
    }
  });
  if (mailboxRefused) {
    absence.clear();
    warnings.push(
      'absence not read: the tenant refused MailboxSettings.Read (grant it to read out-of-office from automatic replies)',
    );
  }

  const people: DirectoryPerson[] = [...users.values()].map((u) => {
    const email = (u.mail ?? u.userPrincipalName ?? null)?.toLowerCase() ?? null;
    const language = u.preferredLanguage?.slice(0, 2).toLowerCase();
    const person: DirectoryPerson = {
      directoryId: u.id,
      name: u.displayName?.trim() || email || u.id,
      email,
      jobTitle: u.jobTitle ?? null,
      department: u.department ?? null,
      managerDirectoryId: managerOf.get(u.id) ?? null,
      language: language === 'nl' || language === 'en' ? language : null,
      teamsId: u.id,
      ...(absence.has(u.id) ? { absence: absence.get(u.id) ?? null } : {}),
      ...(o.group && !inGroup.has(u.id) ? { outsideGroup: true } : {}),
    };
    return person;
  });
  return { people, warnings };
}

/** Automatic replies as an absence: a window, one without an end, or none. Dates are YYYY-MM-DD. */
export function absenceOf(s: AutoReplies): DirectoryPerson['absence'] {
  if (s.status === 'alwaysEnabled') return { from: '0000-01-01', until: null };
  if (s.status === 'scheduled') {
    const from = s.scheduledStartDateTime?.dateTime?.slice(0, 10);
    const until = s.scheduledEndDateTime?.dateTime?.slice(0, 10);
    if (from) return { from, until: until ?? null };
  }
  return null;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
}
