// The Adaptive Card templates in cards/, read once and compiled to functions (compiled-template.ts);
// a template that uses more of the templating language than those functions read is kept as an
// adaptivecards-templating Template instead. A template may hold `{ "$include": "NAME" }` where the
// shared fragment cards/partials/NAME.json goes (the way a view's blocks are drawn is the same on
// every card).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compileTemplate } from './compiled-template.js';

interface Template {
  expand(context: { $root: unknown }): unknown;
}
type TemplateConstructor = new (payload: unknown) => Template;
let TemplateClass: TemplateConstructor | null = null;

/**
 * adaptivecards-templating, loaded on first use (about 200 ms and tens of MB: a process that never
 * draws a card, such as a Slack-only deployment, never pays for it). Loaded without its types: its
 * .d.ts pulls in adaptivecards' TypeScript sources, which do not compile under this project's settings.
 */
function templateClass(): TemplateConstructor {
  TemplateClass ??= (
    createRequire(import.meta.url)('adaptivecards-templating') as { Template: TemplateConstructor }
  ).Template;
  return TemplateClass;
}

/** Reads every template ahead of the first card (after start-up). */
export function preloadTemplates(): void {
  for (const name of CARD_TEMPLATES) expanderOf(name);
}

export const CARD_TEMPLATES = ['view', 'check-form', 'verdict', 'approval', 'status', 'digest'] as const;
export type CardTemplateName = (typeof CARD_TEMPLATES)[number];

/** cards/ of the package: the same three levels up from src/channels/teams and dist/channels/teams. */
export const CARDS_DIR = fileURLToPath(new URL('../../../cards/', import.meta.url));

const cache = new Map<CardTemplateName, (data: object) => unknown>();

function expanderOf(name: CardTemplateName): (data: object) => unknown {
  let expand = cache.get(name);
  if (!expand) {
    const json = templateJson(name);
    expand = compileTemplate(json) ?? libraryExpander(json);
    cache.set(name, expand);
  }
  return expand;
}

/** The template expanded by adaptivecards-templating itself. */
export function libraryExpander(json: unknown): (data: object) => unknown {
  const template = new (templateClass())(json);
  return (data) => template.expand({ $root: data });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function withIncludes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withIncludes);
  if (node === null || typeof node !== 'object') return node;
  const include = (node as { $include?: unknown }).$include;
  if (typeof include === 'string') {
    if (!/^[a-z-]+$/.test(include)) throw new Error(`bad card include ${include}`);
    return withIncludes(readJson(`${CARDS_DIR}partials/${include}.json`));
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withIncludes(v)]));
}

/** The template's JSON with its includes in place (what the tests and designers look at). */
export function templateJson(name: CardTemplateName): unknown {
  return withIncludes(readJson(`${CARDS_DIR}${name}.json`));
}

export function expandTemplate(name: CardTemplateName, data: object): Record<string, unknown> {
  return dropNulls(expanderOf(name)(data)) as Record<string, unknown>;
}

/** Optional properties are null in the data; Teams gets them left out rather than null. */
function dropNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNulls);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
  return out;
}
