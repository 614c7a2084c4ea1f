import type { Item } from '@lazyflow/mocks';
import { formatPublished } from '../lib/formatPublished.ts';
import { ROW_HEIGHT } from '../lib/rowHeight.ts';

const MONEY = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' });

/** The Table's column titles, over the same columns as {@link ItemRow}. */
export function ItemHeader() {
  return (
    <div className="item-line table-head" data-testid="table-head">
      <span className="item-index">Row</span>
      <span className="item-title">Title</span>
      <span className="item-author">Author</span>
      <span className="item-score">Amount</span>
      <span className="item-date">Published</span>
    </div>
  );
}

/**
 * A loaded table row: title, author, amount, date; in the dynamic mode also the whole body, so
 * the row is as tall as its text (nothing is cut to fit a height chosen in advance).
 */
export function ItemRow({ index, item, dynamic }: { index: number; item: Item; dynamic: boolean }) {
  return (
    <div className="item-row">
      <div className="item-line" style={{ height: ROW_HEIGHT }}>
        <span className="item-index row-number">{(index + 1).toLocaleString('en')}</span>
        <span className="item-title">{item.title}</span>
        <span className="item-author">{item.author}</span>
        <span className="item-score">{MONEY.format(item.price)}</span>
        <span className="item-date">{formatPublished(item.createdAt)}</span>
      </div>
      {dynamic && <p className="item-body">{item.body}</p>}
    </div>
  );
}
