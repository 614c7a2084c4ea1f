// Scrollbar drag: the real mouse grabs the `.scroller`'s scrollbar thumb and moves it to random
// positions (the same seeded positions for every library), pausing at each, then lets go. Needs
// a Chromium that draws classic scrollbars: Playwright's headless default hides them
// (`--hide-scrollbars`), so the runner opens these pages in a browser launched without that flag.

/** Deterministic numbers in [0, 1) from `seed` (mulberry32): the same drag for every library and run. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} DragPlan
 * @property {number} seed    seed of the target positions
 * @property {number} moves   how many targets the thumb is dragged to, one after another
 * @property {number} steps   mouse-move events per move
 * @property {number} stepMs  pause after each mouse-move event
 * @property {number} holdMs  pause at each target, the button still down
 */

/**
 * Drags the scrollbar thumb of the page's `.scroller` along `plan`; resolves once the button is
 * released, to the number of targets reached: all of them unless `deadline` (a `Date.now()` time)
 * passed first (each move waits for the renderer, which a slow page makes slow). The list is at
 * the top, so the thumb is at the top of its track and is grabbed just below the track's up-arrow
 * button (as tall as the scrollbar is wide). Throws when the scroller has no scrollbar or the grab
 * did not move the list.
 */
export async function dragScrollbar(page, plan, deadline = Number.POSITIVE_INFINITY) {
  const box = await page.evaluate(() => {
    const el = document.querySelector('.scroller');
    const rect = el.getBoundingClientRect();
    return {
      left: rect.left + el.clientLeft + el.clientWidth,
      top: rect.top + el.clientTop,
      gutter: el.offsetWidth - el.clientWidth - 2 * el.clientLeft,
      height: el.clientHeight,
      scrollTop: el.scrollTop,
    };
  });
  if (box.gutter <= 0) throw new Error('drag: the list shows no scrollbar to grab');
  if (box.scrollTop !== 0)
    throw new Error(`drag: the list must start at the top, it is at ${box.scrollTop} px`);
  const x = box.left + box.gutter / 2;
  const trackTop = box.top + box.gutter;
  const trackBottom = box.top + box.height - box.gutter;
  const grabY = trackTop + 3;
  const random = seededRandom(plan.seed);
  let y = grabY;
  await page.mouse.move(x, y);
  await page.mouse.down();
  let move = 0;
  for (; move < plan.moves && Date.now() < deadline; move++) {
    const target = grabY + random() * (trackBottom - 3 - grabY);
    const from = y;
    for (let step = 1; step <= plan.steps; step++) {
      y = from + ((target - from) * step) / plan.steps;
      await page.mouse.move(x, y);
      await sleep(plan.stepMs);
    }
    if (move === 0) {
      const scrolled = await page.evaluate(() => document.querySelector('.scroller').scrollTop);
      if (scrolled === 0) {
        await page.mouse.up();
        throw new Error('drag: moving the mouse did not move the list (the thumb was not grabbed)');
      }
    }
    await sleep(plan.holdMs);
  }
  await page.mouse.up();
  return move;
}
