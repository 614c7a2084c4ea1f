import { describe, expect, it } from 'vitest';
import { scrollScale } from './scrollScale.ts';
import { SizeIndex } from './sizeIndex.ts';
import {
  clearViewport,
  initialViewState,
  reduceView,
  scrollToAction,
  type ViewAction,
  type ViewContext,
  type ViewMotion,
  type ViewState,
} from './viewState.ts';

const sizes = new SizeIndex({ estimate: () => 36 });
sizes.setDomain(0, 10_000);
const context: ViewContext = { sizes, anchorMode: 'start', endThreshold: 8, paddingStart: 0, paddingEnd: 0 };
const base: ViewState = {
  ...initialViewState({ viewport: 600, anchorMode: 'start', atEnd: undefined }),
  scale: scrollScale(sizes.total, 600),
};

describe('reduceView: motion (scroll, drag, input, settle)', () => {
  it.each<[ViewMotion, ViewAction, ViewMotion]>([
    ['still', { type: 'scroll', physical: 500 }, 'scrolling'],
    ['grabbed', { type: 'scroll', physical: 500 }, 'dragging'],
    ['still', { type: 'drag', active: true }, 'grabbed'],
    ['scrolling', { type: 'drag', active: true }, 'dragging'],
    ['dragging', { type: 'drag', active: false }, 'released'],
    ['grabbed', { type: 'drag', active: false }, 'still'],
    // A pointerup elsewhere while a wheel scroll runs is no drag ending.
    ['scrolling', { type: 'drag', active: false }, 'scrolling'],
    ['released', { type: 'input' }, 'scrolling'],
    ['scrolling', { type: 'input' }, 'scrolling'],
    ['scrolling', { type: 'settle' }, 'still'],
    ['released', { type: 'settle' }, 'still'],
    ['dragging', { type: 'settle' }, 'grabbed'],
  ])('%s + %o → %s', (motion, action, expected) => {
    expect(reduceView({ ...base, motion }, action, context).motion).toBe(expected);
  });

  it('a scroll event at the known position (our own write) changes nothing', () => {
    const state = { ...base, known: 700, physical: 700, virtual: 700 };
    expect(reduceView(state, { type: 'scroll', physical: 700.4 }, context)).toBe(state);
  });

  it('a user scroll moves 1:1, re-anchors, ends a scroll-to-index and closes late restores', () => {
    const state: ViewState = {
      ...base,
      hold: { kind: 'index', key: 40, align: 'start', flight: null },
      pendingWrite: 1_440,
    };
    const next = reduceView(state, { type: 'scroll', physical: 360 }, context);
    expect(next).toMatchObject({
      virtual: 360,
      physical: 360,
      known: 360,
      pendingWrite: null,
      anchor: { row: 10, offset: 0 },
      hold: { kind: 'anchor' },
      restore: { kind: 'closed' },
    });
  });

  it('with anchor "end", reaching the end follows it and clears newItems', () => {
    const end = { ...context, anchorMode: 'end' as const };
    const state = { ...base, newItems: 3 };
    const max = state.scale.virtualMax;
    expect(reduceView(state, { type: 'scroll', physical: max - 4 }, end)).toMatchObject({
      hold: { kind: 'end' },
      newItems: 0,
    });
    expect(reduceView(state, { type: 'scroll', physical: max - 100 }, end)).toMatchObject({
      hold: { kind: 'anchor' },
      newItems: 3,
    });
  });
});

describe('reduceView: the page above a window-scroll list in view (decision 0028)', () => {
  it('a negative position is taken 1:1, even on a scaled list, and anchors the first row below the list start', () => {
    const scaled = { ...base, scale: scrollScale(3_600_000_000, 600) };
    expect(scaled.scale.scaled).toBe(true);
    const next = reduceView(scaled, { type: 'scroll', physical: -150 }, context);
    expect(next).toMatchObject({
      virtual: -150,
      physical: -150,
      known: -150,
      anchor: { row: 0, offset: -150 },
    });
    // And back into the list: 1:1 from there.
    expect(reduceView(next, { type: 'scroll', physical: 200 }, context)).toMatchObject({ virtual: 200 });
  });

  it('with anchor "end", a short list whose start is in view is at its end, as at 0', () => {
    const end = { ...context, anchorMode: 'end' as const };
    const short = { ...base, scale: scrollScale(300, 600), newItems: 2 };
    expect(reduceView(short, { type: 'scroll', physical: -120 }, end)).toMatchObject({
      hold: { kind: 'end' },
      newItems: 0,
    });
  });
});

describe('reduceView: scroll-to, restore, regroup, focus', () => {
  it('scrollToIndex holds the index; the end of a chat follows the end', () => {
    expect(reduceView(base, scrollToAction(20, 'center', false, 100, 'start', 0), context).hold).toEqual({
      kind: 'index',
      key: 20,
      align: 'center',
      flight: null,
    });
    const chat = reduceView(
      { ...base, newItems: 5 },
      scrollToAction(120, 'auto', false, 100, 'end', 0),
      context,
    );
    expect(chat).toMatchObject({ hold: { kind: 'end' }, newItems: 0 });
  });

  it('focusIndex keeps the focus key until the element is focused', () => {
    const focused = reduceView(base, scrollToAction(7, 'auto', true, 100, 'start', 2), context);
    expect(focused.focus).toEqual({ key: 5, moved: false });
    expect(reduceView(focused, { type: 'focused' }, context).focus).toEqual({ key: 5, moved: true });
  });

  it('a restore is pending; with anchor "end" its atEnd decides whether to follow the end', () => {
    const action: ViewAction = { type: 'restore', anchor: { row: 4, offset: 3 }, item: null, atEnd: false };
    expect(reduceView(base, action, context).restore).toEqual({
      kind: 'pending',
      anchor: { row: 4, offset: 3 },
      item: null,
    });
    const chat = { ...context, anchorMode: 'end' as const };
    expect(reduceView({ ...base, hold: { kind: 'end' } }, action, chat).hold).toEqual({ kind: 'anchor' });
  });

  it('regrouping lanes moves the anchor and a pending restore to the row holding their item', () => {
    const state: ViewState = {
      ...base,
      anchor: { row: 10, offset: -4 },
      restore: { kind: 'pending', anchor: { row: 7, offset: 0 }, item: null },
    };
    const next = reduceView(state, { type: 'regroup', from: 3, to: 2 }, context);
    expect(next.anchor).toEqual({ row: 15, offset: -4 });
    expect(next.restore).toEqual({ kind: 'pending', anchor: { row: 10, offset: 0 }, item: null });
  });

  it('data, measure and options change no state (the layout that follows does)', () => {
    for (const type of ['data', 'measure', 'options'] as const)
      expect(reduceView(base, { type }, context)).toBe(base);
  });
});

describe('reduceView: attach', () => {
  const attach = (physical: number, adopt = true, viewport = 600): ViewAction => ({
    type: 'attach',
    viewport,
    physical,
    adopt,
  });

  it('an element already scrolled into the list, no restore asked for (the app restored it first): the list is there', () => {
    const next = reduceView(base, attach(3_600), context);
    expect(next).toMatchObject({ virtual: 3_600, physical: 3_600, known: 3_600, pendingWrite: null });
    expect(next.anchor).toMatchObject({ row: 100, offset: 0 });
    expect(next.motion).toBe('still'); // no scroll event came: nothing waits for it to settle
  });

  it.each<[string, ViewState, boolean]>([
    ['a restore given', base, false],
    [
      'a restore on its way',
      { ...base, restore: { kind: 'pending', anchor: { row: 40, offset: 0 }, item: null } },
      true,
    ],
    [
      'a scroll-to-index on its way',
      { ...base, hold: { kind: 'index', key: 40, align: 'start', flight: null } },
      true,
    ],
    ["an anchor: 'end' list that starts at its end", { ...base, hold: { kind: 'end' } }, true],
  ])('with %s, the element is only read (the list writes it where that goes)', (_, state, adopt) => {
    const next = reduceView(state, attach(3_600, adopt), context);
    expect(next).toMatchObject({
      virtual: 0,
      physical: 3_600,
      known: 3_600,
      hold: state.hold,
      restore: state.restore,
    });
  });

  it('an element at its start, or the page above a window-scroll list in view, moves nothing', () => {
    expect(reduceView(base, attach(0, true, 500), context)).toMatchObject({
      virtual: 0,
      viewport: 500,
    });
    expect(reduceView(base, attach(-300), context)).toMatchObject({ virtual: 0, physical: -300 });
  });
});

describe('clearViewport', () => {
  it('is the viewport without the scroll padding, never negative', () => {
    expect(clearViewport(600, { paddingStart: 40, paddingEnd: 30 })).toBe(530);
    expect(clearViewport(50, { paddingStart: 40, paddingEnd: 30 })).toBe(0);
  });
});
