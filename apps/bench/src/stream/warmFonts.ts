import { streamEvent } from '@lazyflow/mocks';

/**
 * Lays out, once and hidden, a row holding every word the stream's events use, as a page that
 * already shows such text would have: Chromium then knows which fallback font draws each
 * character (東京, データ, ветер, 🚀 are not in `system-ui` on the bench machine) before the
 * measured window opens. Without it the first publishing frame of either page spends 100–300 ms
 * at CPU ×4 asking the browser process for fonts (docs/benchmarks.md, sixth stream session), a
 * cost of the machine's font setup, not of the code under test. Both stream pages get it.
 */
export function warmFonts(): void {
  const words = new Set<string>();
  for (let seq = 0; seq < 2_000; seq++)
    for (const word of streamEvent(seq).message.split(' ')) words.add(word);
  const row = document.createElement('div');
  row.className = 'row';
  row.style.cssText = 'position:absolute;top:0;left:0;visibility:hidden;pointer-events:none';
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = [...words].join(' ');
  row.append(title);
  document.body.append(row);
  void row.getBoundingClientRect().height; // layout shapes the text: the fonts are matched now
  row.remove();
}
