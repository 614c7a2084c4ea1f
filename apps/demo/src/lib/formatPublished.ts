const DAY = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/**
 * A Table row's publication date with its time: a million articles over twelve years are minutes
 * apart, so the rows of one screen share a day and only the time tells them apart.
 *
 * @example
 * formatPublished('2014-03-01T10:42:07.000Z'); // 'Mar 1, 2014 · 10:42'
 */
export function formatPublished(iso: string): string {
  const date = new Date(iso);
  return `${DAY.format(date)} · ${TIME.format(date)}`;
}
