import { MessageOutlined } from '@ant-design/icons';
import { Alert, Space, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import type { ItemComment } from './types';

/** The open reviewer comments of the item on screen. */
export const CommentsContext = createContext<ItemComment[]>([]);

/** Comments on `path` itself, or (with `prefix`) on anything inside it, such as one material. */
export function commentsOn(comments: ItemComment[], path: string, prefix = false): ItemComment[] {
  return comments.filter(
    (c) =>
      c.field === path ||
      (prefix && (c.field.startsWith(`${path}.`) || c.field.startsWith(`${path}[`))),
  );
}

/** The reviewer's comments on one field, shown right under it. */
export function FieldComments({ path, prefix }: { path: string; prefix?: boolean }) {
  const comments = commentsOn(useContext(CommentsContext), path, prefix);
  if (!comments.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<MessageOutlined />}
      style={{ marginBottom: 12 }}
      data-testid={`comments-${path}`}
      message={
        <Space direction="vertical" size={2}>
          {comments.map((c) => (
            <span key={c.id}>
              <Typography.Text strong>审核意见：</Typography.Text>
              {c.text}
              <Typography.Text type="secondary">（{c.authorName}）</Typography.Text>
            </span>
          ))}
        </Space>
      }
    />
  );
}

/** A field (or group) the completeness panel and the comments can point at. */
export function FieldBox({
  path,
  prefix,
  children,
}: {
  path: string;
  prefix?: boolean;
  children: ReactNode;
}) {
  return (
    <div data-field={path} style={{ scrollMarginTop: 80, borderRadius: 6 }}>
      {children}
      <FieldComments path={path} prefix={prefix} />
    </div>
  );
}

/** Scrolls to the field a path names (or the nearest enclosing one) and flashes it. */
export function showField(path: string): void {
  const candidates = [path];
  let p = path;
  while (/[.[]/.test(p)) {
    p = p.replace(/(\.[A-Za-z]+|\[[A-Za-z0-9_-]+\])$/, '');
    candidates.push(p);
  }
  for (const c of candidates) {
    const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(c)}"]`);
    if (!el) continue;
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.style.transition = 'box-shadow 0.3s';
    el.style.boxShadow = '0 0 0 3px rgba(198, 47, 47, 0.45)';
    el.setAttribute('data-highlighted', 'true');
    window.setTimeout(() => {
      el.style.boxShadow = '';
      el.removeAttribute('data-highlighted');
    }, 2500);
    return;
  }
}
