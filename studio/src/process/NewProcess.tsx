import { Alert, Button, Card, Empty, Space } from 'antd';
import type { HandlingKind } from '../../../runtime/catalog/item';
import { HANDLING_KINDS } from '../catalog/types';
import { blankDiagram } from './blank';
import type { ProcessTemplate } from './process-api';

interface Props {
  itemName: string;
  handlingKind?: HandlingKind;
  templates?: ProcessTemplate[];
  templatesError?: string;
  onCreate(xml: string): void;
}

/** An item without a flowchart (PROC-5): start from its handling kind's template, or blank. */
export function NewProcess({ itemName, handlingKind, templates, templatesError, onCreate }: Props) {
  const own = templates?.find((t) => t.handlingKind === handlingKind);
  const others = templates?.filter((t) => t !== own) ?? [];
  const kind = handlingKind ? HANDLING_KINDS[handlingKind] : undefined;
  return (
    <Card data-testid="new-process">
      <Empty description={kind ? `该事项（${kind}）还没有流程图` : '该事项还没有流程图'}>
        {templatesError && (
          <Alert type="error" showIcon message={`模板加载失败：${templatesError}`} />
        )}
        <Space direction="vertical">
          {own && (
            <Button type="primary" onClick={() => onCreate(own.xml)}>
              从模板新建（{own.label}）
            </Button>
          )}
          {others.length > 0 && (
            <Space wrap>
              <span>其他模板：</span>
              {others.map((t) => (
                <Button key={t.handlingKind} onClick={() => onCreate(t.xml)}>
                  {t.label}
                </Button>
              ))}
            </Space>
          )}
          <Button onClick={() => onCreate(blankDiagram(itemName))}>空白流程图</Button>
        </Space>
      </Empty>
    </Card>
  );
}
