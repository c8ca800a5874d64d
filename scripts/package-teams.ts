// Builds the Teams app package to upload (Teams admin centre, or "Upload a custom app"):
// dist-teams/koers-teams.zip holding manifest.json with the app id filled in from the
// MicrosoftAppId environment variable, the two icons and the language files it names.
//
//   npm run package:teams                            MicrosoftAppId must be set
//   npm run package:teams -- --allow-placeholder     keeps the placeholder id (to inspect only)
//   npm run package:teams -- --out FILE              another output path
//
// Exit codes as for the koers command: 0 done, 1 failed at run time, 2 bad input.
// The manifest is validated offline against the schema shipped in @microsoft/app-manifest before
// anything is written: Teams rejects an invalid package only after the upload, with less detail.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** The app id checked in: a valid GUID, so the file itself passes the schema. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TEAMS_DIR = join(REPO_ROOT, 'manifests', 'teams');
const DEFAULT_OUT = join(REPO_ROOT, 'dist-teams', 'koers-teams.zip');

/** The fields of the manifest this script reads; the rest is passed through untouched. */
export interface TeamsManifestJson {
  $schema?: string;
  id: string;
  icons: { color: string; outline: string };
  localizationInfo?: {
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: { botId: string }[];
  [key: string]: unknown;
}

type AppManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

export class PackageError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

// --- schema ------------------------------------------------------------------------------

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[0-9A-Za-z.]+)\/MicrosoftTeams\.schema\.json$/;

/**
 * The folder in @microsoft/app-manifest holding the schemas of the manifest's `$schema` version.
 * Never falls back to the network: a version the package does not ship is an error.
 */
export function localSchemaDir(manifest: { $schema?: string }): string {
  const match = SCHEMA_URL.exec(manifest.$schema ?? '');
  if (!match) {
    throw new PackageError(
      `manifest.json: $schema is not a Teams manifest schema URL: ${manifest.$schema}`,
      2,
    );
  }
  const pkg = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  const dir = join(dirname(pkg), 'build', 'json-schemas', 'teams', match[1]!);
  try {
    readFileSync(join(dir, 'MicrosoftTeams.schema.json'));
  } catch (cause) {
    throw new PackageError(
      `schema ${match[1]} is not shipped with @microsoft/app-manifest (${String(cause)})`,
      2,
    );
  }
  return dir;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Errors of the manifest against its own schema version (empty when valid). */
export async function validateManifest(manifest: TeamsManifestJson): Promise<string[]> {
  const schema = readJson(join(localSchemaDir(manifest), 'MicrosoftTeams.schema.json')) as ManifestSchema;
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}

/**
 * Errors of a language file against the Localization schema of the manifest's version.
 * Not through AppManifestUtils: that compiles patterns as Unicode regular expressions, and the
 * Localization schema has patterns (`\b]`) that only compile without the `u` flag.
 */
export function validateLocalization(manifest: TeamsManifestJson, localization: unknown): string[] {
  const schema = readJson(
    join(localSchemaDir(manifest), 'MicrosoftTeams.Localization.schema.json'),
  ) as object;
  const Ajv = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv').default;
  // `$schema` of a language file is a URL; the format itself carries no rule worth checking here.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, formats: { uri: true } });
  const validate = ajv.compile(schema);
  if (validate(localization)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

// --- package contents --------------------------------------------------------------------

/** The manifest with the Teams app id and the bot id set (one id, as for most single-bot apps). */
export function fillAppId(manifest: TeamsManifestJson, appId: string): TeamsManifestJson {
  const filled = structuredClone(manifest);
  filled.id = appId;
  for (const bot of filled.bots ?? []) bot.botId = appId;
  return filled;
}

/** Files besides manifest.json that the manifest points at. */
export function referencedFiles(manifest: TeamsManifestJson): string[] {
  const loc = manifest.localizationInfo;
  const files = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(loc?.defaultLanguageFile ? [loc.defaultLanguageFile] : []),
    ...(loc?.additionalLanguages ?? []).map((l) => l.file),
  ];
  return [...new Set(files)];
}

/** Width, height and colour type from a PNG's IHDR chunk. */
export function pngHeader(png: Buffer): { width: number; height: number; colorType: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 33 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new PackageError('not a PNG file', 2);
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25]! };
}

function checkIcon(name: string, png: Buffer, size: number, needsAlpha: boolean): string[] {
  const { width, height, colorType } = pngHeader(png);
  const problems: string[] = [];
  if (width !== size || height !== size) {
    problems.push(`${name} is ${width}×${height}, Teams wants ${size}×${size}`);
  }
  if (needsAlpha && colorType !== 6 && colorType !== 4) problems.push(`${name} has no alpha channel`);
  return problems;
}

// --- zip ---------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A fixed timestamp (2025-01-01 00:00) keeps the package byte-identical for identical inputs.
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** A zip archive (deflate, no zip64: the package is a few kilobytes) of flat entries. */
export function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// --- the command -------------------------------------------------------------------------

export interface PackageOptions {
  appId: string | undefined;
  allowPlaceholder: boolean;
  teamsDir?: string;
}

/** Reads, fills in, checks and zips the package; throws PackageError listing every problem. */
export async function buildTeamsPackage(options: PackageOptions): Promise<{ zip: Buffer; files: string[] }> {
  const dir = options.teamsDir ?? TEAMS_DIR;
  let appId = options.appId?.trim();
  if (!appId) {
    if (!options.allowPlaceholder) {
      throw new PackageError(
        'MicrosoftAppId is not set: set it to the Microsoft App ID of the Azure Bot registration ' +
          '(or pass --allow-placeholder to build a package only to inspect)',
        2,
      );
    }
    appId = PLACEHOLDER_APP_ID;
  } else if (!GUID.test(appId)) {
    throw new PackageError(
      `MicrosoftAppId must be a GUID (the Azure Bot's Microsoft App ID), got "${appId}"`,
      2,
    );
  }

  const source = readJson(join(dir, 'manifest.json')) as TeamsManifestJson;
  const manifest = fillAppId(source, appId);
  const problems = (await validateManifest(manifest)).map((e) => `manifest.json: ${e}`);
  const files = referencedFiles(manifest);
  const contents = new Map<string, Buffer>();
  for (const file of files) {
    try {
      contents.set(file, readFileSync(join(dir, file)));
    } catch (cause) {
      problems.push(`${file}: named in manifest.json but not readable (${String(cause)})`);
    }
  }
  const color = contents.get(manifest.icons.color);
  const outline = contents.get(manifest.icons.outline);
  if (color) problems.push(...checkIcon(manifest.icons.color, color, 192, false));
  if (outline) problems.push(...checkIcon(manifest.icons.outline, outline, 32, true));
  for (const lang of manifest.localizationInfo?.additionalLanguages ?? []) {
    const data = contents.get(lang.file);
    if (!data) continue;
    problems.push(
      ...validateLocalization(manifest, JSON.parse(data.toString('utf8'))).map((e) => `${lang.file}: ${e}`),
    );
  }
  if (problems.length > 0) throw new PackageError(problems.join('\n'), 2);

  const entries = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...files.map((name) => ({ name, data: contents.get(name)! })),
  ];
  return { zip: zip(entries), files: entries.map((e) => e.name) };
}

async function main(argv: string[]): Promise<number> {
  let args: { 'allow-placeholder'?: boolean; out?: string; help?: boolean };
  try {
    args = parseArgs({
      args: argv,
      options: {
        'allow-placeholder': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`package-teams: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write('usage: npm run package:teams [-- --allow-placeholder] [-- --out FILE]\n');
    return 0;
  }
  const appId = process.env.MicrosoftAppId;
  const out = resolve(args.out ?? DEFAULT_OUT);
  try {
    const result = await buildTeamsPackage({ appId, allowPlaceholder: args['allow-placeholder'] === true });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, result.zip);
    renameSync(`${out}.tmp`, out);
    if (!appId?.trim()) {
      process.stderr.write(`package-teams: the package keeps the placeholder app id ${PLACEHOLDER_APP_ID}; `);
      process.stderr.write('Teams will not reach a bot with it\n');
    }
    process.stdout.write(`wrote ${out} (${result.files.join(', ')})\n`);
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      process.stderr.write(`package-teams: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(
      `package-teams: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
