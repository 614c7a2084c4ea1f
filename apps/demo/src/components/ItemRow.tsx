import type { Item } from '@lazyflow/mocks';
import { bodyLines, LINE_HEIGHT, ROW_HEIGHT } from '../lib/rowHeight.ts';

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** A loaded table row: title, author, score, date; in the dynamic mode also 1–4 lines of the body. */
export function ItemRow({ index, item, dynamic }: { index: number; item: Item; dynamic: boolean }) {
  return (
    <div className="item-row">
      <div className="item-line" style={{ height: ROW_HEIGHT }}>
        <span className="item-index">{(index + 1).toLocaleString('en')}</span>
        <span className="item-title">{item.title}</span>
        <span className="item-author">{item.author}</span>
        <span className="item-score">{item.score.toFixed(2)}</span>
        <span className="item-date">{DATE.format(new Date(item.createdAt))}</span>
      </div>
      {dynamic && (
        <p
          className="item-body"
          style={{ height: bodyLines(index) * LINE_HEIGHT, WebkitLineClamp: bodyLines(index) }}
        >
          {item.body}
        </p>
      )}
    </div>
  );
}
