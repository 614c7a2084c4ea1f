import { listDataAttributes } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import { stickyRows } from '@lazyflow/core/sticky';
import { useLazyList } from '@lazyflow/react';
import { useMemo, useRef, useState } from 'react';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { PendingItem, pageMarks } from '../components/PendingItem.tsx';
import { type ContactRow, contactSections, contactsOfPage, contactsSource } from '../lib/contactsSource.ts';
import { formatCount } from '../lib/formatCount.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const LETTER = 32;
const CONTACT = 52;

/** 1,000,000 contacts in 26 letter sections; the section's letter stays on top while it scrolls. */
export function ContactsPage() {
  const ref = useRef<HTMLElement>(null);
  const sections = useMemo(() => contactSections(), []);
  const source = useMemo(() => contactsSource(sections), [sections]);
  const stickyIndexes = useMemo(() => sections.map((s) => s.header), [sections]);
  const headers = useMemo(() => new Set(stickyIndexes), [stickyIndexes]);
  const [letter, setLetter] = useState<string | null>(null);
  const list = useLazyList<ContactRow>({
    key: ['demo-contacts'],
    source,
    getScrollElement: () => ref.current,
    estimateSize: (index) => (headers.has(index) ? LETTER : CONTACT),
    overscan: 4,
    sticky: stickyRows,
    stickyIndexes,
    keyboard: keyboardNavigation,
  });
  useReportStats('Contacts', list.list);
  const pageSize = list.stats.pageSize || 1;
  const first = pageMarks(list.range?.start ?? 0, pageSize);
  const jump = (to: string) => {
    const section = sections.find((s) => s.letter === to);
    if (!section) return;
    setLetter(to);
    list.scrollToIndex(section.header, { align: 'start' });
  };

  return (
    <section className="page-fill">
      <PageIntro
        title="Contacts"
        tryThis="pick a letter, even Z at the far end: its header sits on top as you scroll through its section, and the next letter pushes it away. Scroll up from a jump: the letter above shows, though its rows were never loaded."
        code={
          <>
            <code>useLazyList</code> with <code>stickyIndexes</code> (the 26 letter headers) over{' '}
            <code>/api/users</code> in name order
          </>
        }
      >
        An address book of 1,000,000 people in alphabetical sections. Each letter's header stays at the top
        while its section scrolls, including sections half a million rows away that were never measured or
        loaded.
      </PageIntro>
      <div className="contacts-letters">
        <span className="contacts-letters-label">Go to</span>
        {sections.map((s) => (
          <button
            key={s.letter}
            type="button"
            data-testid={`contacts-letter-${s.letter}`}
            aria-pressed={letter === s.letter}
            onClick={() => jump(s.letter)}
          >
            {s.letter}
          </button>
        ))}
      </div>
      <p className="list-status" data-testid="contacts-status">
        {formatCount(list.count - sections.length, 'contact')} in {sections.length} sections · {list.status} ·{' '}
        {formatCount(list.stats.pagesInMemory, 'page')} in memory ·{' '}
        {formatCount(list.stats.requests, 'request')}
      </p>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <section
        ref={ref}
        className="scroller contacts fill"
        aria-label="Contacts"
        data-testid="contacts-scroller"
        onKeyDown={list.onKeyDown}
        {...listDataAttributes(list)}
      >
        <div className="spacer" style={{ height: list.totalSize }}>
          {list.rows.map((row) => {
            const item = row.state.status === 'loaded' ? row.state.item : null;
            const header = headers.has(row.index);
            return (
              <div
                key={row.key}
                className="contacts-slot"
                style={
                  row.sticky
                    ? // A box over the section: the header sticks inside it (placed with `top`:
                      // sticky offsets ignore transforms).
                      { top: row.sticky.start, height: row.sticky.end - row.sticky.start, zIndex: 1 }
                    : { transform: `translateY(${row.start}px)` }
                }
              >
                <div
                  ref={list.measureElement}
                  data-index={row.index}
                  data-state={row.state.status}
                  data-letter={item?.kind === 'letter' ? item.letter : undefined}
                  tabIndex={row.index === list.focusedIndex ? 0 : -1}
                  className={header ? 'contacts-letter' : 'contacts-row'}
                  {...(header ? { role: 'heading', 'aria-level': 2 } : {})}
                  style={{
                    height: header ? LETTER : CONTACT,
                    ...(row.sticky ? { position: 'sticky', top: 0 } : {}),
                  }}
                >
                  {item === null ? (
                    <PendingItem
                      state={row.state}
                      index={row.index}
                      pageSize={pageSize}
                      count={list.count}
                      noun="contacts"
                      items={contactsOfPage(sections, Math.floor(row.index / pageSize), pageSize, list.count)}
                      first={first(row.index, row.state)}
                      retry={list.retry}
                      height={header ? LETTER : CONTACT}
                      skeleton={<span className="contacts-pending" />}
                    />
                  ) : item.kind === 'letter' ? (
                    <>
                      {item.letter}
                      <span className="contacts-count">{formatCount(item.count, 'contact')}</span>
                    </>
                  ) : (
                    <>
                      <span className="contacts-avatar" aria-hidden="true">
                        {item.user.name.charAt(0)}
                        {item.user.name.split(' ').at(-1)?.charAt(0)}
                      </span>
                      <span className="contacts-text">
                        <span className="contacts-name">{item.user.name}</span>
                        <span className="contacts-email">
                          {item.user.email} · {item.user.country}
                        </span>
                      </span>
                    </>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </section>
    </section>
  );
}
