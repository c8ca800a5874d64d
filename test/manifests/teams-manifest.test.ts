// The Teams app package: manifest.json and nl.json against Microsoft's own schemas (offline, from
// @microsoft/app-manifest), the icons Teams asks for, and the zip that `npm run package:teams` builds.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTeamsPackage,
  localSchemaDir,
  PLACEHOLDER_APP_ID,
  type TeamsManifestJson,
  validateLocalization,
  validateManifest,
} from '../../scripts/package-teams.js';
import { readPng } from './read-png.js';
import { readZip } from './read-zip.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEAMS = join(ROOT, 'manifests', 'teams');
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const COMMANDS_EN = ['check', 'status', 'who', 'portfolio', 'help'];
const COMMANDS_NL = ['toets', 'status', 'wie', 'portfolio', 'help'];

const manifest = JSON.parse(readFileSync(join(TEAMS, 'manifest.json'), 'utf8')) as TeamsManifestJson & {
  manifestVersion: string;
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: Cmds[] }[];
};
type Cmds = { scopes: string[]; commands: { title: string; description?: string }[] };
const nl = JSON.parse(readFileSync(join(TEAMS, 'nl.json'), 'utf8')) as Record<string, string>;

const scratch = mkdtempSync(join(tmpdir(), 'koers-teams-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function packageTeams(args: string[], env: Record<string, string>) {
  const { MicrosoftAppId: _ignored, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package-teams.ts', ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('manifests/teams/manifest.json', () => {
  it('uses schema v1.30, shipped with @microsoft/app-manifest, so validation never needs the network', () => {
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(existsSync(join(localSchemaDir(manifest), 'MicrosoftTeams.schema.json'))).toBe(true);
  });

  it("validates against Microsoft's schema as checked in (placeholder ids are GUIDs)", async () => {
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(PLACEHOLDER_APP_ID);
  });

  it('validates through AppManifestUtils.validateAgainstSchema with the schema file read from disk', async () => {
    const schema = JSON.parse(
      readFileSync(join(localSchemaDir(manifest), 'MicrosoftTeams.schema.json'), 'utf8'),
    );
    const filled = { ...manifest, id: APP_ID, bots: [{ ...manifest.bots[0]!, botId: APP_ID }] };
    // biome-ignore lint/suspicious/noExplicitAny: the package's manifest union type is not worth spelling out here
    expect(await AppManifestUtils.validateAgainstSchema(filled as any, schema)).toEqual([]);
  });

  it('rejects a manifest whose bot has no botId', async () => {
    const broken = structuredClone(manifest) as { bots: Partial<{ botId: string }>[] };
    delete broken.bots[0]!.botId;
    const errors = await validateManifest(broken as unknown as TeamsManifestJson);
    expect(errors.join('\n')).toMatch(/botId/);
  });

  it('rejects an app id that is not a GUID and an accent colour that is not #rrggbb', async () => {
    expect((await validateManifest({ ...manifest, id: 'koers-bot' })).join('\n')).toMatch(/\/id /);
    expect((await validateManifest({ ...manifest, accentColor: 'blue' })).join('\n')).toMatch(/accentColor/);
  });

  it('has one bot in personal, team and group chat scopes that takes no files', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
  });

  it('lists the commands for every scope, in English in the manifest', () => {
    const bot = manifest.bots[0]!;
    expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual([...bot.scopes].sort());
    for (const list of bot.commandLists) {
      expect(list.commands.map((c) => c.title)).toEqual(COMMANDS_EN);
      for (const command of list.commands) expect(command.description).toBeTruthy();
    }
  });

  it('names a product in the strategy domain', () => {
    expect(manifest.name).toMatchObject({ short: 'Koers' });
    expect(JSON.stringify(manifest.description)).toMatch(/strategy/i);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
  });
});

describe('manifests/teams/nl.json', () => {
  it('is the Dutch language file, with English as the default language', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en-us');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'nl', file: 'nl.json' }]);
    expect(nl['name.full']).toMatch(/samenwerkingsstrategie in de chat/);
  });

  it('uses the same schema version as the manifest and validates against its Localization schema', () => {
    expect(nl.$schema).toBe(
      manifest.$schema!.replace('MicrosoftTeams.schema', 'MicrosoftTeams.Localization.schema'),
    );
    expect(validateLocalization(manifest, nl)).toEqual([]);
  });

  it('rejects a language file with a key Teams does not know', () => {
    const broken = { ...nl, 'bots[0].commandLists[3].commands[0].title': 'toets' };
    expect(validateLocalization(manifest, broken).join('\n')).toMatch(/additional properties/);
  });

  it('gives every command of every scope its Dutch word and description', () => {
    manifest.bots[0]!.commandLists.forEach((list, i) => {
      const titles = list.commands.map((_, j) => nl[`bots[0].commandLists[${i}].commands[${j}].title`]);
      expect(titles).toEqual(COMMANDS_NL);
      list.commands.forEach((_, j) => {
        expect(nl[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      });
    });
  });
});

describe('manifests/teams icons', () => {
  const color = readPng(readFileSync(join(TEAMS, 'color.png')));
  const outline = readPng(readFileSync(join(TEAMS, 'outline.png')));

  it('has a 192×192 colour icon', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('has a 32×32 outline icon with an alpha channel, partly transparent', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6);
    const alphas = [...outline.rgba.filter((_, i) => i % 4 === 3)];
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(100);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(20);
  });

  it('draws the outline icon in white only', () => {
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      expect([...outline.rgba.subarray(i, i + 3)]).toEqual([255, 255, 255]);
    }
  });

  it('are what scripts/make-teams-icons.mjs draws', () => {
    const out = join(scratch, 'icons');
    const run = spawnSync(process.execPath, ['scripts/make-teams-icons.mjs', '--out', out], { cwd: ROOT });
    expect(run.status).toBe(0);
    expect(readPng(readFileSync(join(out, 'color.png'))).rgba.equals(color.rgba)).toBe(true);
    expect(readPng(readFileSync(join(out, 'outline.png'))).rgba.equals(outline.rgba)).toBe(true);
  });
});

// Each case starts node with tsx: give a loaded machine room.
describe('npm run package:teams', { timeout: 90_000 }, () => {
  const zipPath = join(scratch, 'koers-teams.zip');

  it('builds a zip of manifest.json, color.png, outline.png and nl.json with the app id filled in', async () => {
    const run = packageTeams(['--out', zipPath], { MicrosoftAppId: APP_ID });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const entries = readZip(readFileSync(zipPath));
    expect(entries.map((e) => e.name).sort()).toEqual([
      'color.png',
      'manifest.json',
      'nl.json',
      'outline.png',
    ]);
    for (const entry of entries) expect(entry.method).toBe(8);

    const packaged = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
    expect(packaged.id).toBe(APP_ID);
    expect(packaged.bots[0].botId).toBe(APP_ID);
    expect(await validateManifest(packaged)).toEqual([]);
    for (const name of ['color.png', 'outline.png', 'nl.json']) {
      expect(entries.find((e) => e.name === name)!.data.equals(readFileSync(join(TEAMS, name)))).toBe(true);
    }
  });

  it.runIf(spawnSync('unzip', ['-v']).status === 0)('builds a zip that unzip lists and tests clean', () => {
    const list = spawnSync('unzip', ['-l', zipPath], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/4 files/);
    expect(spawnSync('unzip', ['-t', zipPath], { encoding: 'utf8' }).stdout).toMatch(/No errors detected/);
  });

  it('stops with exit 2 naming MicrosoftAppId when it is missing, and writes nothing', () => {
    const out = join(scratch, 'missing.zip');
    const run = packageTeams(['--out', out], {});
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/MicrosoftAppId is not set/);
    expect(existsSync(out)).toBe(false);
  });

  it('stops with exit 2 when MicrosoftAppId is not a GUID', () => {
    const run = packageTeams(['--out', join(scratch, 'bad-id.zip')], { MicrosoftAppId: 'koers-bot' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/must be a GUID/);
  });

  it('keeps the placeholder id only with --allow-placeholder, and says so', () => {
    const out = join(scratch, 'placeholder.zip');
    const run = packageTeams(['--out', out, '--allow-placeholder'], {});
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/placeholder/);
    const packaged = JSON.parse(
      readZip(readFileSync(out))
        .find((e) => e.name === 'manifest.json')!
        .data.toString(),
    );
    expect(packaged.id).toBe(PLACEHOLDER_APP_ID);
  });

  it('refuses to package a manifest that fails the schema, listing the problem', async () => {
    const dir = join(scratch, 'broken');
    cpSync(TEAMS, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'teal' }));
    await expect(
      buildTeamsPackage({ appId: APP_ID, allowPlaceholder: false, teamsDir: dir }),
    ).rejects.toThrow(/accentColor/);
  });

  it('refuses icons of the wrong size', async () => {
    const dir = join(scratch, 'wrong-icon');
    cpSync(TEAMS, dir, { recursive: true });
    cpSync(join(TEAMS, 'outline.png'), join(dir, 'color.png'));
    await expect(
      buildTeamsPackage({ appId: APP_ID, allowPlaceholder: false, teamsDir: dir }),
    ).rejects.toThrow(/color\.png is 32×32, Teams wants 192×192/);
  });
});
