import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import './cases.css';

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { Alert, Card, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { countyModdle } from '../../../runtime/process/county-moddle';

interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): void;
}
interface Registry {
  get(id: string): unknown;
}

interface Props {
  xml?: string;
  active: string[];
  done: string[];
}

/** The flowchart the case runs on, read-only: steps passed in green, where it is now in blue. */
export function CaseDiagramView({ xml, active, done }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<NavigatedViewer>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    const created = new NavigatedViewer({
      container: container.current!,
      moddleExtensions: { county: countyModdle },
    });
    setViewer(created);
    return () => created.destroy();
  }, []);

  useEffect(() => {
    if (!viewer || !xml) return;
    let live = true;
    viewer.importXML(xml).then(
      () => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        for (const id of done) if (registry.get(id)) canvas.addMarker(id, 'case-done');
        for (const id of active) if (registry.get(id)) canvas.addMarker(id, 'case-active');
        canvas.zoom('fit-viewport', 'auto');
      },
      (e: Error) => live && setProblem(`流程图无法显示：${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [viewer, xml, active, done]);

  return (
    <Card
      size="small"
      title="权力运行流程图"
      style={{ marginBottom: 16 }}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <span className="case-legend" style={{ borderColor: '#1677ff', background: '#e6f4ff' }} />
          当前环节
          <span className="case-legend" style={{ borderColor: '#52c41a', background: '#f6ffed' }} />
          已办环节
        </Typography.Text>
      }
    >
      {problem && <Alert type="warning" showIcon message={problem} />}
      {!xml && <Alert type="info" showIcon message="本办件所依据的版本没有可显示的流程图" />}
      <div className="case-diagram" ref={container} data-testid="case-diagram" />
    </Card>
  );
}
