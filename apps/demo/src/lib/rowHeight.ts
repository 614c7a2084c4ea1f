/** Height of a table row in the fixed-height mode, px. */
export const ROW_HEIGHT = 36;

/**
 * What the list assumes of a row it has not measured in the dynamic mode, px: the title line
 * and about two lines of text. Each row is then as tall as its own text (measured as it renders).
 */
export const DYNAMIC_ESTIMATE = ROW_HEIGHT + 2 * 18 + 8;
