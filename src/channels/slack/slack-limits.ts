// Slack's Block Kit and Web API limits, in one table. Anything Koers sends is cut to fit here, so
// Slack never answers invalid_blocks or msg_too_long for input Koers accepted.
// Figures from docs.slack.dev (block and composition-object references); text limits are counted
// in characters after mrkdwn escaping.
export const SLACK_LIMITS = {
  /** Blocks in one message (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
  messageBlocks: 50,
  /** Blocks in a modal or the Home tab. */
  surfaceBlocks: 100,
  /** The `text` of a section (and of any text object). */
  sectionText: 3000,
  /** Fields in one section, and the text of each. */
  sectionFields: 10,
  fieldText: 2000,
  /** Elements in a context block, and their text. */
  contextElements: 10,
  contextText: 2000,
  /** Elements in one actions block. */
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Static select: options, their text, description and value. */
  selectOptions: 100,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  placeholder: 150,
  /** Modal title, submit and close labels. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMaxLength: 3000,
  /** Top-level `text` (the notification and fallback); Slack truncates past 40,000, we stop far earlier. */
  messageText: 3000,
} as const;

/** Koers's static_select switches on above this many options; up to here choices are buttons. */
export const MAX_CHOICE_BUTTONS = 5;
