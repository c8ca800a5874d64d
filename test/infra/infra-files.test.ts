// Docker and the Azure CLI do not run here, so the deployment files are checked by reading them:
// each test names an essential that a careless edit could drop.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INFRA = join(ROOT, 'infra');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// --- Dockerfile --------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions per stage, comments dropped and `\` continuations joined. */
function dockerStages(source: string): Stage[] {
  const logical = source
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const dockerfile = read('infra/Dockerfile');
const stages = dockerStages(dockerfile);
const runtime = stages.at(-1)!;
const args = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('infra/Dockerfile', () => {
  it('is multi-stage: a build stage and a runtime stage, both on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:20-slim');
  });

  it('builds in the build stage, with the compilers better-sqlite3 needs', () => {
    const build = stages[0]!;
    const runs = args(build, 'RUN').join('\n');
    for (const tool of ['python3', 'make', 'g++']) expect(runs).toContain(tool);
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toContain('npm run build');
  });

  it('installs production dependencies without scripts, then rebuilds better-sqlite3', () => {
    const runs = stages.flatMap((s) => args(s, 'RUN')).join('\n');
    expect(runs).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(runs).toMatch(/npm ci --omit=dev --ignore-scripts[^\n]*npm rebuild better-sqlite3/);
  });

  it('gives the runtime stage only production node_modules, the build output and the data files', () => {
    const copies = args(runtime, 'COPY');
    const fromBuild = copies.filter((c) => c.startsWith('--from='));
    expect(fromBuild.some((c) => /\/prod\/node_modules\s/.test(c))).toBe(true);
    expect(fromBuild.some((c) => /\/dist\s/.test(c))).toBe(true);
    for (const dir of ['bin/', 'config/', 'cards/', 'manifests/', 'schema/']) {
      expect(copies.some((c) => c.startsWith(dir))).toBe(true);
    }
    expect(copies.some((c) => c.startsWith('package.json'))).toBe(true); // "type": "module"
    // No compilers and no install in the runtime stage; a font for the digest chart is the one package.
    expect(args(runtime, 'RUN').join('\n')).not.toMatch(/g\+\+|make|python3|npm ci/);
    expect(args(runtime, 'RUN').join('\n')).toMatch(/fonts-dejavu-core/);
  });

  it('runs as the non-root user node', () => {
    const users = args(runtime, 'USER');
    expect(users.at(-1)).toBe('node');
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('USER')).toBeGreaterThan(keywords.lastIndexOf('RUN'));
  });

  it('sets production mode and port 3978, and exposes it', () => {
    const env = args(runtime, 'ENV').join(' ');
    expect(env).toContain('NODE_ENV=production');
    expect(env).toContain('PORT=3978');
    expect(args(runtime, 'EXPOSE')).toContain('3978');
  });

  it('has a HEALTHCHECK that fetches /healthz on loopback', () => {
    const [healthcheck] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD/);
    expect(healthcheck).toContain('http://127.0.0.1:');
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toContain('3978');
  });

  it('starts `koers serve`', () => {
    expect(JSON.parse(args(runtime, 'CMD').at(-1)!)).toEqual(['node', 'bin/koers.js', 'serve']);
  });

  it('copies only sources that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', 'data', '.git', 'test-artifacts', '.env']) {
      expect(ignored).toContain(entry);
    }
    const contextSources = stages
      .flatMap((s) => args(s, 'COPY'))
      .filter((c) => !c.startsWith('--from='))
      .flatMap((c) => c.split(/\s+/).slice(0, -1))
      .map((src) => src.replace(/\/$/, ''));
    for (const src of contextSources) expect(ignored).not.toContain(src);
  });
});

// --- compose -----------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}

const compose = parse(read('infra/compose.yaml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const koers = ['koers-1', 'koers-2'].map((name) => services[name]!);
const DATABASE_URL = 'postgres://koers:koers@postgres:5432/koers';

describe('infra/compose.yaml', () => {
  it('has PostgreSQL, two Koers instances and a proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['koers-1', 'koers-2', 'postgres', 'proxy']);
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.proxy!.image).toMatch(/^caddy:2/);
  });

  it('points both instances at the one database, with the credentials PostgreSQL is created with', () => {
    for (const service of koers) expect(service.environment?.KOERS_DATABASE_URL).toBe(DATABASE_URL);
    const url = new URL(DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(services.postgres!.environment).toMatchObject({
      POSTGRES_USER: url.username,
      POSTGRES_PASSWORD: url.password,
      POSTGRES_DB: url.pathname.slice(1),
    });
  });

  it('keeps PostgreSQL data in a volume and starts Koers only once it is healthy', () => {
    expect(services.postgres!.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.postgres!.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    for (const service of koers) {
      expect(service.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    }
  });

  it('builds Koers from infra/Dockerfile with the repository as context', () => {
    for (const service of koers) {
      expect(service.build).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      expect(existsSync(join(resolve(INFRA, service.build!.context), service.build!.dockerfile))).toBe(true);
    }
  });

  it('passes the platform credentials through from the environment, never written in the file', () => {
    for (const service of koers) {
      for (const name of [
        'SLACK_SIGNING_SECRET',
        'SLACK_BOT_TOKEN',
        'MicrosoftAppId',
        'MicrosoftAppPassword',
      ]) {
        expect(service.environment).toHaveProperty(name);
        expect(service.environment?.[name] ?? null).toBeNull();
      }
    }
  });

  it('mounts the strategy from the repository config/ folder', () => {
    for (const service of koers) {
      expect(service.environment?.KOERS_STRATEGY).toMatch(/^\/app\/config\//);
      const mount = service.volumes?.find((v) => v.split(':')[1] === '/app/config');
      expect(mount).toBeDefined();
      expect(existsSync(resolve(INFRA, mount!.split(':')[0]!, 'strategy.example.yaml'))).toBe(true);
    }
  });

  it('reaches the instances only through the proxy', () => {
    for (const service of koers) expect(service.ports).toBeUndefined();
    expect(services.postgres!.ports).toBeUndefined();
    expect(services.proxy!.ports).toContain('443:443');
    expect(services.proxy!.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});

// --- Caddyfile ---------------------------------------------------------------------------

const caddyfile = read('infra/Caddyfile');
const caddyLines = caddyfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('infra/Caddyfile', () => {
  const publicMatcher = caddyLines.find((l) => l.startsWith('@public'))!;

  it('exposes /slack/events, /api/messages, /healthz and /readyz, and not /metrics', () => {
    expect(publicMatcher.split(/\s+/).slice(2).sort()).toEqual(
      ['/api/messages', '/healthz', '/readyz', '/slack/events'].sort(),
    );
    expect(caddyLines.filter((l) => l.includes('/metrics'))).toEqual([]);
    expect(caddyfile).toMatch(/handle \{\s*respond [^\n]* 404/);
  });

  it('balances round robin over both instances', () => {
    const proxy = caddyLines.find((l) => l.startsWith('reverse_proxy'))!;
    expect(proxy.split(/\s+/).slice(1, 3)).toEqual(['koers-1:3978', 'koers-2:3978']);
    expect(caddyLines).toContain('lb_policy round_robin');
    expect(caddyLines).toContain('health_uri /readyz');
  });
});

// --- Azure -------------------------------------------------------------------------------

const bicep = read('infra/azure/main.bicep');
const bicepCode = bicep
  .split('\n')
  .map((l) => l.replace(/(^|\s)\/\/.*$/, '$1')) // comments; `https://` in strings has no space before
  .join('\n');
const resourceTypes = [
  ...bicepCode.matchAll(/^resource \w+ '([^@']+)@(\d{4}-\d{2}-\d{2}(?:-preview)?)'/gm),
].map((m) => m[1]);

describe('infra/azure/main.bicep', () => {
  it('declares the bot, its Teams channel, the container app, PostgreSQL, Key Vault and the identity', () => {
    for (const type of [
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.App/managedEnvironments',
      'Microsoft.App/containerApps',
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforPostgreSQL/flexibleServers/databases',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Authorization/roleAssignments',
    ]) {
      expect(resourceTypes).toContain(type);
    }
    expect(bicepCode).toContain("channelName: 'MsTeamsChannel'");
  });

  it('runs PostgreSQL Burstable, private, with the database koers', () => {
    expect(bicepCode).toContain("tier: 'Burstable'");
    expect(bicepCode).toContain("publicNetworkAccess: 'Disabled'");
    expect(bicepCode).toMatch(/flexibleServers\/databases@[^\n]*\n\s*parent: postgres\n\s*name: 'koers'/);
  });

  it('keeps the four secrets in Key Vault', () => {
    const secretNames = [
      ...bicepCode.matchAll(
        /'Microsoft\.KeyVault\/vaults\/secrets@[^']+'[^{]*\{\s*parent: vault\s*name: '([^']+)'/g,
      ),
    ].map((m) => m[1]);
    expect(secretNames.sort()).toEqual(
      ['database-url', 'microsoft-app-password', 'slack-bot-token', 'slack-signing-secret'].sort(),
    );
  });

  it('gives the app its secrets as Key Vault references read with the user-assigned identity', () => {
    expect(bicepCode).toContain("type: 'UserAssigned'");
    const references = [
      ...bicepCode.matchAll(/\{ name: '([^']+)', keyVaultUrl: [^,]+, identity: identity\.id \}/g),
    ].map((m) => m[1]);
    expect(references.sort()).toEqual(
      ['database-url', 'microsoft-app-password', 'slack-bot-token', 'slack-signing-secret'].sort(),
    );
    const secretRefs = [...bicepCode.matchAll(/secretRef: '([^']+)'/g)].map((m) => m[1]);
    expect(secretRefs.length).toBeGreaterThanOrEqual(4);
    for (const ref of secretRefs) expect(references).toContain(ref);
    // the identity may read the vault's secrets: the built-in role "Key Vault Secrets User", on the vault
    expect(bicepCode).toContain("'4633458b-17de-408a-b874-0445c86b69e6'");
    expect(bicepCode).toMatch(
      /roleAssignments@[^\n]*\n[^}]*scope: vault\n[^}]*principalId: identity\.properties\.principalId/,
    );
  });

  it('never passes a secret as a plain environment value', () => {
    for (const name of [
      'MicrosoftAppPassword',
      'KOERS_DATABASE_URL',
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
    ]) {
      expect(bicepCode).toMatch(new RegExp(`\\{ name: '${name}', secretRef: '[^']+' \\}`));
      expect(bicepCode).not.toMatch(new RegExp(`\\{ name: '${name}', value:`));
    }
    for (const param of [
      'microsoftAppPassword',
      'postgresAdminPassword',
      'slackSigningSecret',
      'slackBotToken',
    ]) {
      expect(bicepCode).toMatch(new RegExp(`@secure\\(\\)\\s*param ${param} string`));
    }
  });

  it('probes /healthz and /readyz and points the bot at https://<fqdn>/api/messages', () => {
    expect(bicepCode).toContain("path: '/healthz'");
    expect(bicepCode).toContain("path: '/readyz'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep's interpolation, not JavaScript's
    expect(bicepCode).toContain("'https://${app.properties.configuration.ingress.fqdn}/api/messages'");
    expect(bicepCode).toMatch(/^output messagingEndpoint string = messagingEndpoint$/m);
    expect(bicepCode).toMatch(/endpoint: messagingEndpoint/);
  });

  it('has balanced brackets', () => {
    const stripped = bicepCode.replace(/'(?:[^'\\]|\\.)*'/g, "''");
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ] as const) {
      expect(stripped.split(open).length).toBe(stripped.split(close).length);
    }
  });
});

describe('infra/azure/main.parameters.json', () => {
  const parameters = JSON.parse(read('infra/azure/main.parameters.json')) as {
    parameters: Record<string, { value: unknown }>;
  };
  const declared = [...bicepCode.matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((m) => ({
    name: m[1]!,
    hasDefault: Boolean(m[3]),
  }));
  const secure = [...bicepCode.matchAll(/@secure\(\)\s*param (\w+)/g)].map((m) => m[1]!);

  it('sets only parameters the template declares', () => {
    for (const name of Object.keys(parameters.parameters))
      expect(declared.map((p) => p.name)).toContain(name);
  });

  it('sets every required parameter except the secrets, which are given at deploy time', () => {
    for (const { name, hasDefault } of declared) {
      if (!hasDefault && !secure.includes(name)) expect(parameters.parameters).toHaveProperty(name);
    }
    for (const name of secure) expect(parameters.parameters).not.toHaveProperty(name);
  });
});
