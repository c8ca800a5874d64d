// botbuilder's CloudAdapter with the one entry Koers uses: authenticate an activity and run the
// bot on it. The route (teams-route.ts) does the HTTP around it, so refusals are answered 401
// without a body and logged through pino rather than the SDK's console output.
import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';

export class KoersCloudAdapter extends CloudAdapter {
  /** Throws TeamsAuthRefused when the caller is not authenticated; turn errors go to onTurnError. */
  run(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
