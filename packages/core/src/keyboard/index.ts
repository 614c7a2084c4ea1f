// @lazyflow/core/keyboard — keyboard navigation (`keyboard: keyboardNavigation`, then `onKeyDown`
// on the scroll element), a separate import so a list without it does not bundle it (decision
// 0058), and a grid's navigation in two dimensions (`createGridKeyboard`). This file only re-exports.

export {
  createGridKeyboard,
  type GridCell,
  type GridFocusEvent,
  type GridKeyboard,
  type GridKeyboardOptions,
  type GridKeyEvent,
} from '../grid/gridKeyboard.ts';
export type { KeyboardNavigation, KeyboardView } from '../virtual/keyboardTarget.ts';
export { keyboardNavigation } from '../virtual/keyboardTarget.ts';
