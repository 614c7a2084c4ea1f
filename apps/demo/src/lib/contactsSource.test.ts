import { USER_TOTAL, userAt } from '@lazyflow/mocks';
import { describe, expect, it } from 'vitest';
import { contactAt, contactSections, contactsOfPage } from './contactsSource.ts';

describe('contacts list', () => {
  const sections = contactSections();

  it('puts a header before each letter: its list index is its first user position plus the headers before it', () => {
    expect(sections).toHaveLength(26);
    expect(sections[0]).toMatchObject({ letter: 'A', start: 0, header: 0 });
    sections.forEach((s, k) => {
      expect(s.header).toBe(s.start + k);
    });
  });

  it('maps list indexes to headers and user positions, end to end', () => {
    expect(contactAt(sections, 0)).toEqual({ section: 0, position: null });
    expect(contactAt(sections, 1)).toEqual({ section: 0, position: 0 });
    const m = sections.findIndex((s) => s.letter === 'M');
    const header = sections[m]?.header ?? 0;
    expect(contactAt(sections, header)).toEqual({ section: m, position: null });
    expect(contactAt(sections, header - 1)).toEqual({
      section: m - 1,
      position: (sections[m]?.start ?? 0) - 1,
    });
    expect(contactAt(sections, header + 1)).toEqual({ section: m, position: sections[m]?.start });
    const last = USER_TOTAL + 26 - 1;
    expect(contactAt(sections, last)).toEqual({ section: 25, position: USER_TOTAL - 1 });
    expect(userAt('name', 'asc', sections[m]?.start ?? 0).name.charAt(0)).toBe('M');
  });

  it("names a page's people by contact number and letter, not by list position (headers not counted)", () => {
    const total = USER_TOTAL + 26;
    const b = sections[1]!;
    // Page 0: the A header, then people 1–99 (list rows 2–100).
    expect(contactsOfPage(sections, 0, 100, total)).toBe(`1–99 (A)`);
    // The page holding B's header: people on both sides of it, both letters named.
    const page = Math.floor(b.header / 100);
    const from = page * 100;
    const text = contactsOfPage(sections, page, 100, total);
    expect(text).toBe(
      `${(from - 1 + 1).toLocaleString('en')}–${(from + 99 - 2 + 1).toLocaleString('en')} (A–B)`,
    );
    // The last page: up to the last person, under Z.
    const last = Math.floor((total - 1) / 100);
    expect(contactsOfPage(sections, last, 100, total)).toMatch(
      new RegExp(`–${USER_TOTAL.toLocaleString('en')} \\(Z\\)$`),
    );
  });
});
