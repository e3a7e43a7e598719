import { Table, Typography } from 'antd';
import { ROLE_LABELS } from '../identity/roles';
import type { Role } from '../identity/types';
import { UNIT_KIND_LABELS, type UnitKind } from '../organisation/types';
import { FIELDS } from './labels';

/** Field → before and after; older entries hold [before, after] pairs. */
export type Changes = Record<string, { before: unknown; after: unknown } | [unknown, unknown]>;

function pairOf(change: unknown): { before: unknown; after: unknown } {
  if (Array.isArray(change)) return { before: change[0], after: change[1] };
  if (change && typeof change === 'object' && 'after' in change)
    return change as { before: unknown; after: unknown };
  return { before: undefined, after: change };
}

/** Names for the ids a change holds, so a reader sees 执法监察科 rather than an id. */
export interface Names {
  unit(id: string): string | undefined;
  post(id: string): string | undefined;
}

// Users are 正常 or 停用; units and posts 启用 or 停用.
const STATUS: Record<string, string> = { active: '启用', disabled: '停用', inactive: '停用' };
const USER_STATUS: Record<string, string> = { active: '正常', disabled: '停用' };
/** Fields that only restate another (kindLabel is kind in words). */
const DERIVED = new Set(['kindLabel']);
const UNIT_FIELDS = new Set(['unitId', 'departmentId', 'countyId', 'parentId']);

function show(field: string, value: unknown, names: Names, resource: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => show(field, v, names, resource)).join('、') : '（空）';
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (UNIT_FIELDS.has(field)) return names.unit(text) ?? text;
  if (field === 'postIds') return names.post(text) ?? text;
  if (field === 'roles') return ROLE_LABELS[text as Role] ?? text;
  if (field === 'status') return (resource === 'user' ? USER_STATUS : STATUS)[text] ?? text;
  if (field === 'kind') return UNIT_KIND_LABELS[text as UnitKind] ?? text;
  return text;
}

/** Field → before → after, as the operation log recorded it. */
export function ChangesTable({
  changes,
  names,
  resource,
}: {
  changes: Changes;
  names: Names;
  resource: string;
}) {
  const rows = Object.entries(changes)
    .filter(([field]) => !DERIVED.has(field))
    .map(([field, change]) => {
      const { before, after } = pairOf(change);
      return {
        field,
        before: show(field, before, names, resource),
        after: show(field, after, names, resource),
      };
    });
  return (
    <div data-testid="operation-changes">
      <Table
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: '字段',
            dataIndex: 'field',
            width: 200,
            render: (f: string) => (
              <span>
                {FIELDS[f] ?? f}{' '}
                {FIELDS[f] && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: '修改前',
            dataIndex: 'before',
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          { title: '修改后', dataIndex: 'after' },
        ]}
      />
    </div>
  );
}
