import type { Template } from '@lazyflow/mocks';

/** Height of a template row, px: fixed, so the list's estimate is exact and nothing jumps. */
export const TEMPLATE_ROW_HEIGHT = 56;

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/**
 * A loaded template: its row number (from 1, as every list of the demo numbers rows), name and
 * category on the first line; author, date and description below.
 */
export function TemplateRow({ template, index }: { template: Template; index: number }) {
  return (
    <div className="tpl-row">
      <div className="tpl-row-head">
        <span className="tpl-id row-number">{(index + 1).toLocaleString('en')}</span>{' '}
        <span className="tpl-name">{template.name}</span>{' '}
        <span className="tpl-category">{template.category}</span>
      </div>
      <p className="tpl-row-body">
        <span className="tpl-meta">
          {template.author} · {DATE.format(new Date(template.updatedAt))} · {template.tags.join(', ')}
        </span>{' '}
        {template.description}
      </p>
    </div>
  );
}
