// Reaching someone in Teams who has never opened a chat with Koers: install the app for them
// through Microsoft Graph (`POST /users/{id}/teamwork/installedApps`, which needs the
// TeamsAppInstallation.ReadWriteSelfForUser.All application permission; 409 means it already
// is), after which the bot may open a personal conversation with them. Only when that is refused
// (permission missing, app blocked by policy) is the person unreachable, with the reason.
import type { GraphClient } from '../../directory/graph-client.js';
import { isGraphError } from '../../directory/graph-client.js';

export type InstallOutcome = { ok: true; alreadyInstalled: boolean } | { ok: false; reason: string };

export async function installKoersFor(
  graph: GraphClient,
  o: { graphUrl: string; catalogAppId: string; userId: string },
): Promise<InstallOutcome> {
  try {
    const r = await graph.post(`/v1.0/users/${encodeURIComponent(o.userId)}/teamwork/installedApps`, {
      'teamsApp@odata.bind': `${o.graphUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(o.catalogAppId)}`,
    });
    return { ok: true, alreadyInstalled: r.status === 409 };
  } catch (err) {
    if (
      isGraphError(err) &&
      (err.status === 403 || err.status === 401 || err.status === 404 || err.status === 400)
    )
      return {
        ok: false,
        reason: `Teams refused to install Koers for this person (${err.status}${err.graphCode ? ` ${err.graphCode}` : ''}): ${err.message}`,
      };
    throw err;
  }
}
