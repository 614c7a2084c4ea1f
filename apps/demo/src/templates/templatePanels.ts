// The datasets the Templates page shows side by side, and what each server answer looks like.
import { TEMPLATE_TOTALS, type TemplateDataset } from '@lazyflow/mocks';

/** One panel of the Templates page. */
export interface TemplatePanelSpec {
  readonly dataset: Exclude<TemplateDataset, 'static'>;
  readonly title: string;
  /** What the server answers the probe, in a few words. */
  readonly answer: string;
}

const count = (dataset: TemplateDataset) => TEMPLATE_TOTALS[dataset].toLocaleString('en');

/** Small → eager, medium → offset, feed → cursor, huge and live → stream (with the default thresholds). */
export const TEMPLATE_PANELS: readonly TemplatePanelSpec[] = [
  {
    dataset: 'small',
    title: 'Small',
    answer: `${count('small')} templates: { items, total } + X-Total-Bytes`,
  },
  {
    dataset: 'medium',
    title: 'Medium',
    answer: `${count('medium')} templates: { items, total } + X-Total-Bytes`,
  },
  { dataset: 'feed', title: 'Feed', answer: `${count('feed')} templates: { items, nextCursor }, no size` },
  { dataset: 'huge', title: 'Huge', answer: `${count('huge')} templates: { items, total } + X-Total-Bytes` },
  { dataset: 'live', title: 'Live', answer: 'open-ended: { items } only, 50 new templates a second' },
];

/** The endpoint a panel's `autoSource` asks. */
export function templatesUrl(dataset: TemplateDataset): string {
  return `/api/templates?dataset=${dataset}`;
}
