import dayjs from 'dayjs';

/** Select options from a label map. */
export const options = (o: Record<string, string>) =>
  Object.entries(o).map(([value, label]) => ({ value, label }));

/** Dates are `YYYY-MM-DD` strings in the item; the picker wants dayjs. */
export const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};
