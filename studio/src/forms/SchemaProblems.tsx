import { Alert, Typography } from 'antd';
import type { FormSchemaProblem } from '../../../runtime/forms/schema';

/** The field a problem's path points into: `properties.name.title` → `name`. */
export function problemField(path: string): string | undefined {
  return /^properties\.([^.[]+)/.exec(path)?.[1];
}

interface Props {
  problems: FormSchemaProblem[];
  title: string;
  onSelect: (key: string) => void;
}

/** checkFormSchema's problems, live: click one to edit the field it names. */
export function SchemaProblems({ problems, title, onSelect }: Props) {
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="schema-problems"
      style={{ marginBottom: 12 }}
      message={`${title}（${problems.length} 处）`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 160, overflow: 'auto' }}>
          {problems.slice(0, 50).map((p, i) => {
            const key = problemField(p.path);
            return (
              <li key={i}>
                {key ? (
                  <Typography.Link onClick={() => onSelect(key)}>{p.message}</Typography.Link>
                ) : (
                  p.message
                )}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
