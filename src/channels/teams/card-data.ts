// A neutral view's blocks as the data of the shared `blocks` card fragment (cards/partials/
// blocks.json): one item per line of text, fact set, choice, row of buttons or form field, with
// every property the fragment reads present (null where the card leaves it out). People's words
// are escaped here (teams-text.ts); buttons and choices carry our ActionPayload under `koers`.
//
// The fragment has one element per kind of item, each bound with `$data` to a slot of its own
// (`textBlock`, `factSet`, ...): an item fills the one slot of its kind and leaves the others
// empty arrays, which the templating skips without evaluating anything inside. (A `$when` per kind
// gives the same card at about twice the cost: adaptivecards-templating prints every false
// `$when` expression into a warning string.)
import type {
  ActionPayload,
  Block,
  ButtonStyle,
  FormBlock,
  FormField,
  View,
} from '../../conversation/index.js';
import { TEAMS_LIMITS } from './teams-limits.js';
import { escapeMarkdown, plain, truncate } from './teams-text.js';

/** Action.Submit comes back as a message; Action.Execute (Universal Actions) as an invoke. */
export type ActionMode = 'submit' | 'execute';

/** The verb of every Koers Action.Execute; `refresh` is the card's own refresh. */
export const EXECUTE_VERB = 'koers';
export const REFRESH_VERB = 'refresh';

export interface CardAction {
  type: 'Action.Submit' | 'Action.Execute';
  verb: string | null;
  data: { koers: ActionPayload };
}

type Spacing = 'None' | 'Small' | 'Default' | 'Medium';

type CardItem =
  | {
      kind: 'text';
      text: string;
      weight: 'Bolder' | 'Default';
      subtle: boolean;
      size: 'Small' | 'Default';
      color: 'Default' | 'Attention';
      spacing: Spacing;
    }
  | { kind: 'facts'; facts: Array<{ title: string; value: string }>; spacing: Spacing }
  | {
      kind: 'option';
      text: string;
      title: string;
      description: string | null;
      style: 'emphasis' | 'accent';
      action: CardAction;
      spacing: Spacing;
    }
  | { kind: 'buttons'; buttons: Array<CardAction & { title: string; style: string }>; spacing: Spacing }
  | {
      kind: 'input';
      input: 'text' | 'number' | 'select' | 'toggle';
      id: string;
      label: string;
      required: boolean;
      errorMessage: string | null;
      placeholder: string | null;
      value: string | number | null;
      maxLength: number | null;
      multiline: boolean | null;
      min: number | null;
      max: number | null;
      choices: Array<{ title: string; value: string }>;
      spacing: Spacing;
    };

export interface ItemOptions {
  mode: ActionMode;
  /** What an empty required field says on the client (the person's "this is required"). */
  requiredMessage: string;
  /** Text limits; smaller when a card must shrink to fit Teams' message size. */
  maxTextChars?: number;
  maxFactValueChars?: number;
}

function cardAction(action: ActionPayload, mode: ActionMode): CardAction {
  return mode === 'execute'
    ? { type: 'Action.Execute', verb: EXECUTE_VERB, data: { koers: action } }
    : { type: 'Action.Submit', verb: null, data: { koers: action } };
}

const BUTTON_STYLE: Record<ButtonStyle, string> = {
  primary: 'positive',
  danger: 'destructive',
  default: 'default',
};

function textItems(
  text: string,
  o: Pick<ItemOptions, 'maxTextChars'>,
  look: { bold?: boolean; subtle?: boolean; attention?: boolean } = {},
): CardItem[] {
  // A TextBlock does not keep single line breaks everywhere: one block per line does.
  const lines = truncate(text, o.maxTextChars ?? TEAMS_LIMITS.maxTextChars).split('\n');
  return lines
    .filter((l, i) => l.trim() !== '' || i === 0)
    .map((line, i) => ({
      kind: 'text' as const,
      text: escapeMarkdown(line),
      weight: look.bold ? ('Bolder' as const) : ('Default' as const),
      subtle: look.subtle === true,
      size: look.subtle ? ('Small' as const) : ('Default' as const),
      color: look.attention ? ('Attention' as const) : ('Default' as const),
      spacing: i === 0 ? ('Default' as const) : ('None' as const),
    }));
}

const SLOTS = [
  'textBlock',
  'factSet',
  'option',
  'actionSet',
  'inputText',
  'inputNumber',
  'inputChoiceSet',
  'inputToggle',
] as const;
type Slot = (typeof SLOTS)[number];

const INPUT_SLOT = {
  text: 'inputText',
  number: 'inputNumber',
  select: 'inputChoiceSet',
  toggle: 'inputToggle',
} as const satisfies Record<Extract<CardItem, { kind: 'input' }>['input'], Slot>;

/** An item as the fragment reads it: its spacing, and the item in the slot of its kind. */
type TemplateItem = { spacing: Spacing } & Record<Slot, CardItem[]>;

function slotOf(item: CardItem): Slot {
  switch (item.kind) {
    case 'text':
      return 'textBlock';
    case 'facts':
      return 'factSet';
    case 'option':
      return 'option';
    case 'buttons':
      return 'actionSet';
    case 'input':
      return INPUT_SLOT[item.input];
  }
}

function templateItem(item: CardItem): TemplateItem {
  const slotted = { spacing: item.spacing } as TemplateItem;
  for (const slot of SLOTS) slotted[slot] = [];
  slotted[slotOf(item)] = [item];
  return slotted;
}

/** The blocks as the `blocks` fragment's `items`. */
export function blockItems(blocks: ReadonlyArray<Block>, o: ItemOptions): TemplateItem[] {
  return cardItems(blocks, o).map(templateItem);
}

function cardItems(blocks: ReadonlyArray<Block>, o: ItemOptions): CardItem[] {
  const items: CardItem[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'text':
        items.push(...textItems(b.text, o, { bold: b.emphasis === true }));
        break;
      case 'context':
        items.push(...textItems(b.text, o, { subtle: true }));
        break;
      case 'facts':
        if (b.facts.length === 0) break;
        items.push({
          kind: 'facts',
          facts: b.facts.map((f) => ({
            title: escapeMarkdown(plain(f.label, TEAMS_LIMITS.maxFactTitleChars)),
            value: escapeMarkdown(truncate(f.value, o.maxFactValueChars ?? TEAMS_LIMITS.maxFactValueChars)),
          })),
          spacing: 'Default',
        });
        break;
      case 'choices':
        if (b.label) items.push(...textItems(b.label, o, { bold: true }));
        b.options.forEach((opt, i) => {
          const selected = b.selected === opt.id;
          // Numbered as in the text fallback and in Slack, so a typed number picks the option.
          const label = b.numbered === false ? opt.label : `${i + 1}. ${opt.label}`;
          const title = plain(label, TEAMS_LIMITS.maxTitleChars);
          items.push({
            kind: 'option',
            text: escapeMarkdown(`${selected ? '✓ ' : ''}${plain(label, TEAMS_LIMITS.maxTextChars)}`),
            title,
            description: opt.description
              ? escapeMarkdown(truncate(opt.description, o.maxTextChars ?? TEAMS_LIMITS.maxTextChars))
              : null,
            style: selected ? 'accent' : 'emphasis',
            action: cardAction(opt.action, o.mode),
            spacing: i === 0 ? 'Default' : 'Small',
          });
        });
        break;
      case 'buttons':
        if (b.buttons.length === 0) break;
        items.push({
          kind: 'buttons',
          buttons: b.buttons.map((btn) => ({
            ...cardAction(btn.action, o.mode),
            title: plain(btn.label, TEAMS_LIMITS.maxTitleChars),
            style: BUTTON_STYLE[btn.style],
          })),
          spacing: 'Default',
        });
        break;
      case 'form':
        items.push(...formItems(b, o));
        break;
    }
  }
  return items;
}

/** A form: its problem, each field with its hint and its own validation message, the submit. */
function formItems(form: FormBlock, o: ItemOptions): CardItem[] {
  const items: CardItem[] = [];
  if (form.error) items.push(...textItems(form.error, o, { attention: true, bold: true }));
  for (const f of form.fields) {
    items.push(inputItem(f, o));
    if (f.hint)
      items.push(...textItems(f.hint, o, { subtle: true }).map((i) => ({ ...i, spacing: 'None' as const })));
    if (f.error)
      items.push(
        ...textItems(f.error, o, { attention: true }).map((i) => ({ ...i, spacing: 'None' as const })),
      );
  }
  items.push({
    kind: 'buttons',
    buttons: [
      {
        ...cardAction(form.submit.action, o.mode),
        title: plain(form.submit.label, TEAMS_LIMITS.maxTitleChars),
        style: 'positive',
      },
    ],
    spacing: 'Medium',
  });
  return items;
}

function inputItem(f: FormField, o: ItemOptions): CardItem {
  const base = {
    kind: 'input' as const,
    id: f.id,
    label: plain(f.label, 200),
    required: f.required,
    errorMessage: f.required ? plain(f.error ?? o.requiredMessage, 200) : null,
    placeholder: null as string | null,
    value: null as string | number | null,
    maxLength: null as number | null,
    multiline: null as boolean | null,
    min: null as number | null,
    max: null as number | null,
    choices: [] as Array<{ title: string; value: string }>,
    spacing: 'Medium' as const,
  };
  switch (f.kind) {
    case 'text':
      return {
        ...base,
        input: 'text',
        placeholder: f.placeholder ? plain(f.placeholder, 200) : null,
        value: f.value ?? null,
        maxLength: f.maxLength ?? TEAMS_LIMITS.maxInputChars,
        multiline: f.multiline === true,
      };
    case 'number': {
      // Input.Number takes a number only: what the person typed is shown when it is one.
      const typed = f.value?.trim() ?? '';
      const n = /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN;
      return {
        ...base,
        input: 'number',
        placeholder: f.placeholder ? plain(f.placeholder, 200) : null,
        value: Number.isFinite(n) ? n : null,
        min: f.min ?? null,
        max: f.max ?? null,
      };
    }
    case 'select':
      return {
        ...base,
        input: 'select',
        value: f.value ?? null,
        choices: f.options.map((opt) => ({
          title: plain(opt.description ? `${opt.label} – ${opt.description}` : opt.label, 120),
          value: opt.id,
        })),
      };
    case 'toggle':
      return {
        ...base,
        input: 'toggle',
        required: false,
        errorMessage: null,
        value: f.value ? 'true' : 'false',
      };
  }
}

/** The view's title, escaped; null when it has none. */
export function titleOf(view: View): string | null {
  return view.title ? escapeMarkdown(plain(view.title, TEAMS_LIMITS.maxTextChars)) : null;
}
