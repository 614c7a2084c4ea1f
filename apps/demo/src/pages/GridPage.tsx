import { type ItemState, listDataAttributes, type VirtualRow } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import type { Item } from '@lazyflow/mocks';
import { type UseLazyListResult, useLazyList } from '@lazyflow/react';
import { type CSSProperties, type RefObject, useMemo, useRef } from 'react';
import { PageIntro } from '../components/PageIntro.tsx';
import { PendingItem, pageMarks } from '../components/PendingItem.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { itemsSource } from '../lib/sources.ts';
import { useLanes } from '../lib/useLanes.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const GRID_TOTAL = 500_000;
const STRIP_TOTAL = 100_000;
const CARD_MIN_WIDTH = 200;
const CARD_HEIGHT = 108;
const STRIP_CARD_WIDTH = 180;
const GAP = 12;

/** A card grid (lanes from the container's width) and a horizontal strip, both lazy. */
export function GridPage() {
  return (
    <section className="page-fill">
      <PageIntro
        title="Grid"
        tryThis="scroll the grid, then make the window narrower or wider: the columns change and the card you were on stays in view. Scroll the strip sideways."
        code={
          <>
            <code>lanes</code> (one per {CARD_MIN_WIDTH} px) and <code>horizontal</code> on{' '}
            <code>useLazyList</code>
          </>
        }
      >
        {GRID_TOTAL.toLocaleString('en')} cards in as many columns as fit the width, and below a sideways
        strip of {STRIP_TOTAL.toLocaleString('en')} more; both load only what is on screen.
      </PageIntro>
      <CardGrid />
      <h2>Horizontal</h2>
      <CardStrip />
    </section>
  );
}

/** What a card not loaded needs to say how its page stands (failed, retrying) and to retry it. */
interface Pending {
  index: number;
  pageSize: number;
  count: number;
  first: boolean;
  retry: (page: number) => void;
}

function Card({ state, pending }: { state: ItemState<Item>; pending: Pending }) {
  if (state.status !== 'loaded')
    return (
      <PendingItem
        state={state}
        {...pending}
        noun="cards"
        card
        height="100%"
        skeleton={<RowSkeleton height={CARD_HEIGHT - 22} lines={4} />}
      />
    );
  const item = state.item;
  return (
    <>
      <h3>
        <span className="row-number">{(pending.index + 1).toLocaleString('en')}</span> {item.title}
      </h3>
      <p>{item.author}</p>
      <p className="muted">
        ★ {item.score.toFixed(1)} · {item.tags.join(', ')}
      </p>
    </>
  );
}

function CardGrid() {
  const ref = useRef<HTMLDivElement>(null);
  const lanes = useLanes(ref, CARD_MIN_WIDTH);
  return (
    <div ref={ref} className="scroller fill grid-scroller" data-testid="grid-scroller">
      {/* Rendered once the width is known, so the list starts with the right number of lanes. */}
      {lanes !== null && <GridCards lanes={lanes} scrollRef={ref} />}
    </div>
  );
}

function GridCards({ lanes, scrollRef }: { lanes: number; scrollRef: RefObject<HTMLDivElement | null> }) {
  const source = useMemo(() => itemsSource(GRID_TOTAL), []);
  const list = useLazyList<Item>({
    key: ['demo-items', GRID_TOTAL],
    source,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    lanes,
    gap: GAP,
    overscan: 3,
  });
  useReportStats('Grid', list.list);
  const first = pageMarks(list.range?.start ?? 0, list.stats.pageSize || 1);
  // This component lives inside the scroller (which is measured for the lanes first), so the
  // list's data attributes sit on the content element.
  return (
    <ul
      className="spacer"
      aria-label="Card grid"
      data-testid="grid-list"
      data-lanes={lanes}
      style={{ height: list.totalSize + GAP }}
      {...listDataAttributes(list)}
    >
      {list.rows.map((row) => (
        <CardCell
          key={row.key}
          list={list}
          row={row}
          first={first}
          style={{
            top: GAP / 2,
            left: `calc(${row.lane} * 100% / ${lanes} + ${GAP / 2}px)`,
            width: `calc(100% / ${lanes} - ${GAP}px)`,
            transform: `translateY(${row.start}px)`,
          }}
        />
      ))}
    </ul>
  );
}

function CardStrip() {
  const ref = useRef<HTMLElement>(null);
  const source = useMemo(() => itemsSource(STRIP_TOTAL), []);
  const list = useLazyList<Item>({
    key: ['demo-items', STRIP_TOTAL],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => STRIP_CARD_WIDTH,
    horizontal: true,
    gap: GAP,
    overscan: 3,
    keyboard: keyboardNavigation,
  });
  useReportStats('Strip', list.list);
  const first = pageMarks(list.range?.start ?? 0, list.stats.pageSize || 1);
  return (
    <section
      ref={ref}
      className="scroller strip"
      aria-label="Card strip"
      data-testid="strip-scroller"
      onKeyDown={list.onKeyDown}
      {...listDataAttributes(list)}
    >
      <ul className="spacer" aria-label="Cards" style={{ width: list.totalSize, height: '100%' }}>
        {list.rows.map((row) => (
          <CardCell
            key={row.key}
            list={list}
            row={row}
            first={first}
            tabIndex={row.index === (list.focusedIndex ?? list.range?.start) ? 0 : -1}
            style={{ width: STRIP_CARD_WIDTH, top: GAP, transform: `translateX(${row.start}px)` }}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * One card of the grid or the strip: its element, measured by the list, where `style` places it
 * (the card's height is the same in both).
 */
function CardCell({
  list,
  row,
  first,
  style,
  tabIndex,
}: {
  list: UseLazyListResult<Item>;
  row: VirtualRow<Item>;
  /** `pageMarks`'s test: whether this card says how its page stands. */
  first: (index: number, state: ItemState<Item>) => boolean;
  style: CSSProperties;
  tabIndex?: number;
}) {
  return (
    <li
      ref={list.measureElement}
      className="card"
      data-index={row.index}
      data-lane={row.lane}
      data-state={row.state.status}
      aria-posinset={row.index + 1}
      aria-setsize={list.count}
      tabIndex={tabIndex}
      style={{ height: CARD_HEIGHT, ...style }}
    >
      <Card
        state={row.state}
        pending={{
          index: row.index,
          pageSize: list.stats.pageSize || 1,
          count: list.count,
          first: first(row.index, row.state),
          retry: list.retry,
        }}
      />
    </li>
  );
}
