// The Contacts page's list (issue #19): the user directory in name order with a letter header
// before each initial's section. The server sends users by position in the name order and the
// letter index (`userSections`); the list interleaves them, so list index = position + the
// headers before it. No React.
import { type OffsetSource, offsetSource } from '@lazyflow/core';
import { type User, type UserSection, userSections } from '@lazyflow/mocks';
import { fetchUsers } from './catalogApi.ts';

/** One row of the contacts list: a letter header, or a person. */
export type ContactRow =
  | { readonly kind: 'letter'; readonly letter: string; readonly count: number }
  | { readonly kind: 'user'; readonly user: User; readonly position: number };

/** The letter sections with the list index of their header. */
export interface ContactSection extends UserSection {
  /** List index of the section's header row. */
  readonly header: number;
}

/**
 * The sections of the directory's letter index, each with its header's list index (its first
 * user's position plus the headers before it).
 *
 * @example
 * contactSections()[1]; // { letter: 'B', start: …, count: …, header: start + 1 }
 */
export function contactSections(sections: readonly UserSection[] = userSections()): ContactSection[] {
  return sections.map((section, k) => ({ ...section, header: section.start + k }));
}

/** What list index `index` holds: the header of section `k`, or the user at `position`. */
export function contactAt(
  sections: readonly ContactSection[],
  index: number,
): { section: number; position: number | null } {
  let k = 0;
  while (k + 1 < sections.length && (sections[k + 1]?.header ?? Number.POSITIVE_INFINITY) <= index) k++;
  const header = sections[k]?.header ?? 0;
  return index === header ? { section: k, position: null } : { section: k, position: index - k - 1 };
}

/**
 * What page `page` of the contacts list holds, in the visitor's terms (issue #20): the contact
 * numbers (people in name order, from 1, letter headers not counted) and the letters they are
 * filed under, for a failed or retried page's text. `total` is the list's count (headers included).
 *
 * @example
 * contactsOfPage(sections, 0, 100, total); // '1–99 (A)': the page's 100 list rows less the A header
 */
export function contactsOfPage(
  sections: readonly ContactSection[],
  page: number,
  pageSize: number,
  total: number,
): string {
  const from = page * pageSize;
  const to = Math.min(from + pageSize, total) - 1;
  if (to < from) return '';
  const first = contactAt(sections, from);
  const last = contactAt(sections, to);
  // A header's slot: the first person is the one after it; before a header, the one before it.
  const firstPerson = first.position ?? sections[first.section]?.start ?? 0;
  const lastPerson = last.position ?? (sections[last.section]?.start ?? 0) - 1;
  const a = sections[first.section]?.letter ?? '';
  const b = sections[last.position === null ? last.section - 1 : last.section]?.letter ?? a;
  const letters = a === b || b === '' ? a : `${a}–${b}`;
  if (lastPerson < firstPerson) return `(${sections[first.section]?.letter ?? ''} header)`;
  return `${(firstPerson + 1).toLocaleString('en')}–${(lastPerson + 1).toLocaleString('en')} (${letters})`;
}

/**
 * Random access into the contacts list: the users of a page come in one `/api/users` request
 * (name order), the headers from the letter index.
 *
 * @example
 * useLazyList({ key: ['contacts'], source: contactsSource(sections), sticky: stickyRows, stickyIndexes: sections.map((s) => s.header) });
 */
export function contactsSource(
  sections: readonly ContactSection[],
  pageSize = 100,
): OffsetSource<ContactRow> {
  const total = (sections.at(-1)?.start ?? 0) + (sections.at(-1)?.count ?? 0) + sections.length;
  return offsetSource<ContactRow>({
    pageSize,
    initialCount: total,
    fetchPage: async ({ offset, limit, signal }) => {
      const end = Math.min(offset + limit, total);
      const slots = [];
      for (let index = offset; index < end; index++) slots.push(contactAt(sections, index));
      const positions = slots.flatMap((s) => (s.position === null ? [] : [s.position]));
      const first = positions[0] ?? 0;
      const page =
        positions.length === 0
          ? { items: [] }
          : await fetchUsers({ offset: first, limit: positions.length, sort: 'name', order: 'asc', signal });
      const items = slots.map((slot): ContactRow => {
        const section = sections[slot.section] as ContactSection;
        if (slot.position === null) return { kind: 'letter', letter: section.letter, count: section.count };
        return { kind: 'user', user: page.items[slot.position - first] as User, position: slot.position };
      });
      return { items, total };
    },
  });
}
