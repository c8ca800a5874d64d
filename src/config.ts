// The environment, parsed once. The only reader of process.env:
// everything else gets this object. Every problem is reported at once, naming the variable.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const BUNDLED_STRATEGY = fileURLToPath(new URL('../config/strategy.example.yaml', import.meta.url));
export const BUNDLED_PORTFOLIO = fileURLToPath(new URL('../config/portfolio.example.csv', import.meta.url));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  KOERS_STRATEGY: optionalText,
  KOERS_DATABASE_URL: z
    .string()
    .default('sqlite:data/koers.db')
    .refine(
      (u) => /^sqlite:.+/.test(u) || /^postgres(ql)?:\/\/.+/.test(u),
      'must be sqlite:PATH or postgres://...',
    ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url({ message: 'must be a URL' }).optional()),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** The app's id in the organisation's Teams catalogue, for installing Koers for an approver. */
  KOERS_TEAMS_APP_ID: optionalText,
  KOERS_GRAPH_URL: optionalText.pipe(z.url({ message: 'must be a URL' }).optional()),
  KOERS_LOGIN_URL: optionalText.pipe(z.url({ message: 'must be a URL' }).optional()),
  /** Test hook: OpenID metadata of the Bot Framework channel (a local key server in tests). */
  KOERS_BOT_OPENID_METADATA: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KOERS_PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  /** How often the scheduler looks for due work (ms); timers fire within one tick. */
  KOERS_SCHEDULER_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
});

export interface SlackConfig {
  signingSecret: string | undefined;
  botToken: string;
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export interface TeamsConfig {
  appId: string;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  openIdMetadataUrl: string | undefined;
}

/** Microsoft Graph, through the Teams app's credentials: the directory sync and app installation. */
export interface GraphConfig {
  graphUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** The app's id in the Teams catalogue; without it Koers cannot install itself for anyone. */
  teamsCatalogAppId: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  strategyPath: string;
  databaseUrl: string;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** null: no app password and tenant (Graph needs both). */
  graph: GraphConfig | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  playgroundPort: number;
  schedulerTickMs: number | undefined;
  /** True when no platform credentials are set: the local demo (loopback only). */
  demo: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const problems: string[] = [];

  let slack: SlackConfig | null = null;
  const slackSet = {
    SLACK_SIGNING_SECRET: e.SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN: e.SLACK_BOT_TOKEN,
    SLACK_APP_TOKEN: e.SLACK_APP_TOKEN,
  };
  const anySlack = Object.values(slackSet).some((v) => v !== undefined);
  if (anySlack) {
    if (e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
      slack = {
        signingSecret: e.SLACK_SIGNING_SECRET,
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
      };
    } else {
      const missing = e.SLACK_BOT_TOKEN
        ? ['SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)']
        : ['SLACK_BOT_TOKEN'];
      problems.push(`Slack is partly configured: ${missing.join(', ')} is missing`);
    }
  }

  let teams: TeamsConfig | null = null;
  if (e.MicrosoftAppId) {
    const appType = e.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword)
      problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
    if (appType === 'SingleTenant' && !e.MicrosoftAppTenantId)
      problems.push('MicrosoftAppTenantId: required for a SingleTenant app');
    teams = {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType,
      openIdMetadataUrl: e.KOERS_BOT_OPENID_METADATA,
    };
  } else if (e.MicrosoftAppPassword || e.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppId: required when MicrosoftAppPassword or MicrosoftAppTenantId is set');
  }

  const localStrategy = `${cwd}/config/strategy.yaml`;
  const strategyPath = e.KOERS_STRATEGY ?? (existsSync(localStrategy) ? localStrategy : BUNDLED_STRATEGY);
  if (problems.length > 0) return { ok: false, problems };
  const demo = slack === null && teams === null;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
      strategyPath,
      databaseUrl: e.KOERS_DATABASE_URL,
      slack,
      teams,
      graph:
        e.MicrosoftAppId && e.MicrosoftAppPassword && e.MicrosoftAppTenantId
          ? {
              graphUrl: (e.KOERS_GRAPH_URL ?? 'https://graph.microsoft.com').replace(/\/+$/u, ''),
              loginUrl: (e.KOERS_LOGIN_URL ?? 'https://login.microsoftonline.com').replace(/\/+$/u, ''),
              clientId: e.MicrosoftAppId,
              clientSecret: e.MicrosoftAppPassword,
              tenantId: e.MicrosoftAppTenantId,
              teamsCatalogAppId: e.KOERS_TEAMS_APP_ID,
            }
          : null,
      logLevel: e.LOG_LEVEL,
      playgroundPort: e.KOERS_PLAYGROUND_PORT,
      schedulerTickMs: e.KOERS_SCHEDULER_TICK_MS,
      demo,
    },
  };
}
