// Teams' limits in one table, so the renderer and the route agree on them.

export const TEAMS_LIMITS = {
  /**
   * Teams refuses a bot message over about 28 KB (413 RequestEntityTooLarge), card included; the
   * card gets this much so the activity around it still fits.
   */
  maxCardBytes: 26_000,
  /** One TextBlock; longer text is cut with an ellipsis (the full text stays in the store). */
  maxTextChars: 2_000,
  maxFactTitleChars: 80,
  maxFactValueChars: 600,
  /** Button and choice titles: Teams shows about this much on one line. */
  maxTitleChars: 60,
  /** Input.Text without a limit of its own from the view. */
  maxInputChars: 5_000,
  /** `refresh.userIds` of a Universal Action card: Teams refreshes for at most 60 users. */
  maxRefreshUserIds: 60,
  /** Largest inbound activity we read; a Teams message with a card stays far below this. */
  maxActivityBytes: 512 * 1024,
} as const;
