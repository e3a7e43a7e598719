import { Button, ConfigProvider, Space } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { blankDiagram } from '../blank';
import { FlowchartDesigner, type FlowchartDesignerHandle } from '../FlowchartDesigner';
import type { Problem } from '../lint';
import { missingTranslations } from '../translate/translate';

// A page for trying the designer without a server: `npx vite --config studio/vite.config.mts`,
// then /src/process/dev/harness.html. Not part of the build.

const POSTS = [
  { id: 'p1', name: '受理窗口', unitName: '政务服务中心' },
  { id: 'p2', name: '审核员', unitName: '行政审批科' },
  { id: 'p3', name: '科长', unitName: '行政审批科' },
  { id: 'p4', name: '分管领导', unitName: '局领导' },
];
const FORMS = [
  {
    key: 'application',
    name: '申请表',
    fields: [
      { key: 'applicantName', label: '申请人' },
      { key: 'amount', label: '金额' },
      { key: 'members.name', label: '成员/姓名' },
    ],
  },
  { key: 'review', name: '审核意见表', fields: [{ key: 'opinion', label: '审核意见' }] },
];
const UNITS = [
  { id: 'u1', name: '市场监督管理局' },
  { id: 'u2', name: '安全生产监督管理局' },
];

declare global {
  interface Window {
    designer: FlowchartDesignerHandle | null;
    missingTranslations: Set<string>;
    setProblems(problems: Problem[]): void;
  }
}
window.missingTranslations = missingTranslations;

function Harness() {
  const designer = useRef<FlowchartDesignerHandle | null>(null);
  const [xml] = useState(() => blankDiagram('测试事项'));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    window.setProblems = setProblems;
  }, []);
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Space style={{ padding: 8 }}>
        <Button onClick={() => designer.current?.undo()}>撤销</Button>
        <Button onClick={() => designer.current?.redo()}>重做</Button>
        <span data-testid="changes">修改 {changes} 次</span>
      </Space>
      <div style={{ flex: 1, minHeight: 0 }}>
        <FlowchartDesigner
          ref={(handle) => {
            designer.current = handle;
            window.designer = handle;
          }}
          xml={xml}
          posts={POSTS}
          forms={FORMS}
          units={UNITS}
          problems={problems}
          onChange={() => setChanges((n) => n + 1)}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c62f2f' } }}>
    <Harness />
  </ConfigProvider>,
);
