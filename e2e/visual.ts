// Checks of what a person sees, shared by the demo's look specs (fit, tour): labels drawn over
// each other in a chart, and labels cut off by their box.
import type { Page } from '@playwright/test';

/**
 * Pairs of text labels drawn over each other inside one SVG chart (`.svg-chart svg`), and labels
 * reaching outside their chart sideways, as rendered: each names the chart and both texts.
 * Issue #20 item 1: at 360 px the Stream throughput chart's unit and its off-scale note overlapped.
 */
export function chartTextOverlaps(page: Page): Promise<string[]> {
  return page.locator('.svg-chart svg').evaluateAll((charts) => {
    const found: string[] = [];
    for (const chart of charts) {
      const frame = chart.getBoundingClientRect();
      if (frame.width === 0) continue;
      const name = chart.getAttribute('aria-label') ?? 'chart';
      const texts = [...chart.querySelectorAll('text')]
        .map((text) => ({ text: text.textContent ?? '', box: text.getBoundingClientRect() }))
        .filter((t) => t.text.trim() !== '' && t.box.width > 0);
      for (const [i, a] of texts.entries()) {
        if (a.box.left < frame.left - 1 || a.box.right > frame.right + 1) {
          found.push(`${name}: "${a.text}" outside the chart`);
        }
        for (const b of texts.slice(i + 1)) {
          const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
          const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
          if (x > 0.5 && y > 0.5) found.push(`${name}: "${a.text}" over "${b.text}"`);
        }
      }
    }
    return found;
  });
}

/** The texts of the elements matched whose content is cut off (wider than their box). */
export function cutOffTexts(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? ''),
    );
}
