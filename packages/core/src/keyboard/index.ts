// @lazyflow/core/keyboard — keyboard navigation (`keyboard: keyboardNavigation`, then `onKeyDown`
// on the scroll element), a separate import so a list without it does not bundle it (decision
// 0058). This file only re-exports.

export type { KeyboardNavigation, KeyboardView } from '../virtual/keyboardTarget.ts';
export { keyboardNavigation } from '../virtual/keyboardTarget.ts';
