// View -> Block Kit: messages (with a text fallback), modals (forms as input blocks) and the Home
// tab. Every piece of view text is plain and may hold people's words, so mrkdwn is escaped here
// and every length is cut to SLACK_LIMITS; plain_text objects carry only Koers's own labels.
import type { types } from '@slack/bolt';
import {
  type ActionPayload,
  type Block,
  type ChoicesBlock,
  encodeActionPayload,
  type FormBlock,
  type FormField,
  type View,
} from '../../conversation/index.js';
import { boldLines, escapeMrkdwn, mrkdwn, plain, truncate, truncateMrkdwn } from './mrkdwn.js';
import { SLACK_LIMITS as L, MAX_CHOICE_BUTTONS } from './slack-limits.js';

type KnownBlock = types.KnownBlock;
type ActionsElement = types.Button | types.StaticSelect;

/** Every interactive element Koers renders has an action_id starting with this. */
export const ACTION_PREFIX = 'koers';
/** callback_id of every modal Koers opens. */
export const MODAL_CALLBACK_ID = 'koers_form';

export interface RenderedMessage {
  blocks: KnownBlock[];
  /** The notification and fallback text (escaped mrkdwn). */
  text: string;
}

/** What a modal's private_metadata carries back on submit (set by us, returned signed by Slack). */
export interface ModalMetadata {
  /** The form's submit action. */
  action: ActionPayload;
  /** The message whose button opened the form, to update it after the decision. */
  channel?: string;
  ts?: string;
}

export function renderMessage(view: View): RenderedMessage {
  const ids = actionIds();
  const blocks: KnownBlock[] = [];
  if (view.title) blocks.push(section(view.title, true));
  for (const b of view.blocks) blocks.push(...renderBlock(b, ids, 'message'));
  return { blocks: withViewMarker(capBlocks(blocks, L.messageBlocks), view), text: fallbackText(view) };
}

/** The block_id that says which view a message shows: `koers_view:KIND` or `koers_view:KIND:CASE`. */
export function viewMarker(view: View): string {
  return truncate(`koers_view:${view.kind}${view.caseId ? `:${view.caseId}` : ''}`, L.blockId);
}

/**
 * The message's first block names the view it shows (its kind and case), so whatever reads the
 * message later (a test's log, an operator's export) can tell a verdict from an approval without
 * reading its words. A block that has an id of its own keeps it.
 */
function withViewMarker(blocks: KnownBlock[], view: View): KnownBlock[] {
  const [first, ...rest] = blocks;
  if (!first || first.block_id) return blocks;
  return [{ ...first, block_id: viewMarker(view) } as KnownBlock, ...rest];
}

export function fallbackText(view: View): string {
  const text = view.fallbackText.trim() === '' ? (view.title ?? ' ') : view.fallbackText;
  return mrkdwn(text, L.messageText);
}

/** The blocks of several views, one after the other (the Home tab). */
export function renderHome(views: ReadonlyArray<View>): types.HomeView {
  const ids = actionIds();
  const blocks: KnownBlock[] = [];
  for (const view of views) {
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    if (view.title) blocks.push(section(view.title, true));
    for (const b of view.blocks) blocks.push(...renderBlock(b, ids, 'message'));
  }
  return { type: 'home', blocks: capBlocks(blocks, L.surfaceBlocks) };
}

/** A view holding a form, as a modal; the form's fields become input blocks. */
export function renderModal(view: View, metadata: ModalMetadata): types.ModalView {
  const ids = actionIds();
  const form = view.blocks.find((b): b is FormBlock => b.type === 'form');
  const blocks: KnownBlock[] = [];
  for (const b of view.blocks) {
    if (b.type === 'form') blocks.push(...formInputs(b));
    else if (b.type === 'text' || b.type === 'context' || b.type === 'facts')
      blocks.push(...renderBlock(b, ids, 'modal'));
  }
  const modal: types.ModalView = {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: { type: 'plain_text', text: plain(view.title ?? form?.submit.label ?? 'Koers', L.modalTitle) },
    blocks: capBlocks(blocks, L.surfaceBlocks),
    private_metadata: encodeModalMetadata(metadata),
  };
  if (form) modal.submit = { type: 'plain_text', text: plain(form.submit.label, L.modalButton) };
  return modal;
}

export function encodeModalMetadata(m: ModalMetadata): string {
  const text = JSON.stringify({
    a: encodeActionPayload(m.action),
    ...(m.channel ? { c: m.channel } : {}),
    ...(m.ts ? { t: m.ts } : {}),
  });
  // An action payload is at most 2,000 characters, channel and ts are short: this always fits.
  return text.length <= L.privateMetadata ? text : JSON.stringify({ a: encodeActionPayload(m.action) });
}

/** The per-field problems of a form view, keyed by block_id, for `response_action: 'errors'`. */
export function formErrors(view: View): Record<string, string> {
  const form = view.blocks.find((b): b is FormBlock => b.type === 'form');
  if (!form) return {};
  const errors: Record<string, string> = {};
  for (const f of form.fields) if (f.error) errors[f.id] = truncate(f.error, L.inputHint);
  const first = form.fields[0];
  if (Object.keys(errors).length === 0 && form.error && first)
    errors[first.id] = truncate(form.error, L.inputHint);
  return errors;
}

// ---- blocks -------------------------------------------------------------------------------

function actionIds(): () => string {
  let n = 0;
  return () => `${ACTION_PREFIX}:${n++}`;
}

function section(text: string, emphasis = false): types.SectionBlock {
  return { type: 'section', text: mrkdwnObject(text, emphasis, L.sectionText) };
}

function mrkdwnObject(text: string, emphasis: boolean, max: number): types.MrkdwnElement {
  const raw = text.trim() === '' ? ' ' : text;
  const escaped = escapeMrkdwn(raw);
  const body = emphasis
    ? boldLines(truncateMrkdwn(escaped, max - 2 * raw.split('\n').length))
    : truncateMrkdwn(escaped, max);
  return { type: 'mrkdwn', text: body, verbatim: true };
}

function renderBlock(b: Block, nextId: () => string, surface: 'message' | 'modal'): KnownBlock[] {
  switch (b.type) {
    case 'text':
      return [section(b.text, b.emphasis === true)];
    case 'context':
      return [{ type: 'context', elements: [mrkdwnObject(b.text, false, L.contextText)] }];
    case 'facts': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < b.facts.length; i += L.sectionFields) {
        const fields = b.facts.slice(i, i + L.sectionFields).map((f) => {
          const label = boldLines(mrkdwn(f.label, 200));
          return {
            type: 'mrkdwn' as const,
            text: truncateMrkdwn(`${label}\n${escapeMrkdwn(f.value)}`, L.fieldText),
            verbatim: true,
          };
        });
        out.push({ type: 'section', fields });
      }
      return out;
    }
    case 'buttons':
      return actions(b.buttons.map((btn) => button(btn.label, btn.action, btn.style, nextId())));
    case 'choices':
      return choices(b, nextId);
    case 'form':
      return surface === 'message' ? formAsMessage(b, nextId) : formInputs(b);
  }
}

function button(
  label: string,
  action: ActionPayload,
  style: 'primary' | 'danger' | 'default',
  actionId: string,
): types.Button | null {
  const value = encodeActionPayload(action);
  if (value.length > L.buttonValue) return null;
  const b: types.Button = {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: plain(label, L.buttonText) },
    value,
  };
  if (style !== 'default') b.style = style;
  return b;
}

function actions(elements: ReadonlyArray<ActionsElement | null>): KnownBlock[] {
  const present = elements.filter((e): e is ActionsElement => e !== null);
  const out: KnownBlock[] = [];
  for (let i = 0; i < present.length; i += L.actionsElements) {
    out.push({ type: 'actions', elements: present.slice(i, i + L.actionsElements) });
  }
  return out;
}

/** Up to five options as buttons; more as a static_select (when every value fits an option). */
function choices(b: ChoicesBlock, nextId: () => string): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (b.label) out.push(section(b.label));
  const values = b.options.map((o) => encodeActionPayload(o.action));
  const asSelect =
    b.options.length > MAX_CHOICE_BUTTONS &&
    b.options.length <= L.selectOptions &&
    values.every((v) => v.length <= L.optionValue);
  if (asSelect) {
    const options: types.PlainTextOption[] = b.options.map((o, i) => ({
      text: { type: 'plain_text', text: plain(`${i + 1}. ${o.label}`, L.optionText) },
      value: values[i] ?? '',
      ...(o.description
        ? { description: { type: 'plain_text' as const, text: plain(o.description, L.optionDescription) } }
        : {}),
    }));
    const select: types.StaticSelect = { type: 'static_select', action_id: nextId(), options };
    if (b.label) select.placeholder = { type: 'plain_text', text: plain(b.label, L.placeholder) };
    const selected = b.options.findIndex((o) => o.id === b.selected);
    if (selected >= 0 && options[selected]) select.initial_option = options[selected];
    out.push({ type: 'actions', elements: [select] });
    return out;
  }
  const described = b.options.filter((o) => o.description);
  if (described.length > 0) {
    out.push(
      section(
        b.options
          .map(
            (o, i) =>
              `${b.numbered === false ? '' : `${i + 1}. `}${o.label}${o.description ? ` – ${o.description}` : ''}`,
          )
          .join('\n'),
      ),
    );
  }
  out.push(
    ...actions(
      b.options.map((o, i) =>
        button(
          b.numbered === false ? o.label : `${i + 1}. ${o.label}`,
          o.action,
          o.id === b.selected ? 'primary' : 'default',
          nextId(),
        ),
      ),
    ),
  );
  return out;
}

/** A form that ended up in a message (no trigger to open a modal): its fields, and a button that opens it. */
function formAsMessage(b: FormBlock, nextId: () => string): KnownBlock[] {
  const lines = [
    ...(b.error ? [b.error] : []),
    ...b.fields.map((f) => (f.error ? `${f.label}: ${f.error}` : f.label)),
  ];
  return [
    section(lines.join('\n')),
    ...actions([button(b.submit.label, b.submit.action, 'primary', nextId())]),
  ];
}

function formInputs(b: FormBlock): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (const f of b.fields) {
    const input: types.InputBlock = {
      type: 'input',
      block_id: truncate(f.id, L.blockId),
      label: { type: 'plain_text', text: plain(f.label, L.inputLabel) },
      optional: !f.required,
      element: inputElement(f),
    };
    if (f.hint) input.hint = { type: 'plain_text', text: plain(f.hint, L.inputHint) };
    out.push(input);
    if (f.error)
      out.push({ type: 'context', elements: [mrkdwnObject(`⚠ ${f.error}`, false, L.contextText)] });
  }
  if (b.error) out.push({ type: 'context', elements: [mrkdwnObject(`⚠ ${b.error}`, false, L.contextText)] });
  return out;
}

function inputElement(f: FormField): types.InputBlock['element'] {
  const actionId = truncate(f.id, L.actionId);
  switch (f.kind) {
    case 'text': {
      const max = Math.min(f.maxLength ?? L.plainTextInputMaxLength, L.plainTextInputMaxLength);
      const e: types.PlainTextInput = { type: 'plain_text_input', action_id: actionId, max_length: max };
      if (f.multiline) e.multiline = true;
      if (f.value) e.initial_value = f.value.slice(0, max);
      if (f.placeholder) e.placeholder = { type: 'plain_text', text: plain(f.placeholder, L.placeholder) };
      return e;
    }
    case 'number': {
      // Whole numbers only: a Dutch "20.000" in a decimal input would be read as twenty.
      const e: types.NumberInput = { type: 'number_input', action_id: actionId, is_decimal_allowed: false };
      if (f.min !== undefined) e.min_value = String(f.min);
      if (f.max !== undefined) e.max_value = String(f.max);
      if (f.value && /^\d{1,15}$/.test(f.value.trim())) e.initial_value = f.value.trim();
      if (f.placeholder) e.placeholder = { type: 'plain_text', text: plain(f.placeholder, L.placeholder) };
      return e;
    }
    case 'select': {
      const options: types.PlainTextOption[] = f.options.slice(0, L.selectOptions).map((o) => ({
        text: { type: 'plain_text', text: plain(o.label, L.optionText) },
        value: truncate(o.id, L.optionValue),
        ...(o.description
          ? { description: { type: 'plain_text' as const, text: plain(o.description, L.optionDescription) } }
          : {}),
      }));
      const e: types.StaticSelect = { type: 'static_select', action_id: actionId, options };
      const initial = options.find((o) => o.value === f.value);
      if (initial) e.initial_option = initial;
      return e;
    }
    case 'toggle': {
      const option: types.Option = {
        text: { type: 'plain_text', text: plain(f.label, L.optionText) },
        value: 'on',
      };
      const e: types.Checkboxes = { type: 'checkboxes', action_id: actionId, options: [option] };
      if (f.value) e.initial_options = [option];
      return e;
    }
  }
}

/** At most `max` blocks; what does not fit is replaced by an ellipsis line. */
function capBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [
    ...blocks.slice(0, max - 1),
    { type: 'context', elements: [{ type: 'mrkdwn', text: '…', verbatim: true }] },
  ];
}
