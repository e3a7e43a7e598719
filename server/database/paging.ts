import type { Model, QueryFilter, SortOrder } from 'mongoose';

export interface PageQuery {
  page: number;
  pageSize: number;
}

/** One page of a list and the total it is a page of; `view` shapes each row for the API. */
export async function findPage<T, V>(
  model: Model<T>,
  filter: QueryFilter<T>,
  sort: Record<string, SortOrder>,
  query: PageQuery,
  view: (row: T) => V,
) {
  const [rows, total] = await Promise.all([
    model
      .find(filter)
      .sort(sort)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<T[]>()
      .exec(),
    model.countDocuments(filter).exec(),
  ]);
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

/** A record with its `_id` as a plain `id`, for logs and other rows shown as they are. */
export const withId = <T extends { _id: unknown }>({ _id, ...rest }: T) => ({
  id: String(_id),
  ...rest,
});
