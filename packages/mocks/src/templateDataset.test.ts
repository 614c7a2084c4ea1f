import { describe, expect, it } from 'vitest';
import { SHAPE_PERIOD, template, templateBytes, templateLine, templates } from './templateDataset.ts';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('templates', () => {
  it('gives an equal template for the same index, every time', () => {
    expect(template(123_456)).toEqual(template(123_456));
    expect(template(123_456).id).toBe(123_456);
    expect(templateLine(7)).toBe(`${JSON.stringify(template(7))}\n`);
  });

  it('has every field, a 24-character ISO date and 1–2 tags', () => {
    for (const t of templates(0, 500)) {
      expect(t.name.length).toBeGreaterThan(3);
      expect(t.category).toMatch(/^[A-Z]/);
      expect(t.author).toMatch(/\S+ \S+/);
      expect(t.tags.length).toBeGreaterThanOrEqual(1);
      expect(t.tags.length).toBeLessThanOrEqual(2);
      expect(t.updatedAt).toHaveLength(24);
      expect(new Date(t.updatedAt).toISOString()).toBe(t.updatedAt);
    }
  });

  it('differs between neighbours and between indexes one shape period apart', () => {
    expect(new Set(templates(0, 100).map((t) => t.description)).size).toBeGreaterThan(80);
    // Same shape (equal byte length), different words.
    const a = template(12_345);
    const b = template(12_345 + SHAPE_PERIOD);
    expect(`${a.name} ${a.author} ${a.description}`).not.toBe(`${b.name} ${b.author} ${b.description}`);
  });

  it('has descriptions of varying length, from a few words to a few hundred characters', () => {
    const lengths = templates(0, 2_000).map((t) => t.description.length);
    expect(Math.min(...lengths)).toBeLessThan(20);
    expect(Math.max(...lengths)).toBeGreaterThan(200);
  });

  it('generates template 19,999,999 without materialising the rest', () => {
    expect(template(19_999_999).id).toBe(19_999_999);
  });

  it('contains multi-byte UTF-8 text', () => {
    const text = templates(0, 200)
      .map((t) => t.description)
      .join(' ');
    expect(utf8(text)).toBeGreaterThan(text.length);
  });
});

describe('templateBytes', () => {
  it('is the exact UTF-8 size of the first n lines', () => {
    for (const n of [0, 1, 9, 10, 11, 2_000, SHAPE_PERIOD, SHAPE_PERIOD + 17, 10_050]) {
      let bytes = 0;
      for (let i = 0; i < n; i++) bytes += utf8(templateLine(i));
      expect(templateBytes(n), `n = ${n}`).toBe(bytes);
    }
  });

  it('gives each line its exact size anywhere in a 100,000,000-line dataset', () => {
    for (const i of [99, 100, 4_095, 123_456, 999_999, 1_000_000, 19_999_999, 99_999_999]) {
      expect(templateBytes(i + 1) - templateBytes(i), `line ${i}`).toBe(utf8(templateLine(i)));
    }
  });

  it('puts the datasets on the sides of the 1 MB and 100 MB thresholds', () => {
    expect(templateBytes(2_000)).toBeGreaterThan(300_000); // small ≈ 442 kB: eager
    expect(templateBytes(2_000)).toBeLessThan(1_000_000);
    expect(templateBytes(200_000)).toBeGreaterThan(10_000_000); // medium ≈ 45 MB: paged
    expect(templateBytes(200_000)).toBeLessThan(100_000_000);
    expect(templateBytes(20_000_000)).toBeGreaterThan(2_000_000_000); // huge ≈ 4.5 GB: streamed
  });
});
