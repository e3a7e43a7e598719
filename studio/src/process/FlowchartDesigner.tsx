import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './designer.css';

import Modeler from 'bpmn-js/lib/Modeler';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { countyModdle } from '../../../runtime/process/county-moddle';
import { createModeler, type LintIssues } from './modeler';
import { ProblemList, type ListedProblem } from './ProblemList';
import type { CountyData, FormOption, PostOption, UnitOption } from './properties';
import type { Problem } from './lint';

export interface FlowchartDesignerProps {
  /** The BPMN 2.0 XML to show; a new value is imported (not when it is what was last saved). */
  xml: string;
  /** The county's posts a step may name (办理岗位). */
  posts: PostOption[];
  /** The item's forms, each with its fields (表单与字段权限, 申请表单). */
  forms: FormOption[];
  /** Departments a 联办 branch may belong to; without them the unit is typed in. */
  units?: UnitOption[];
  /** Problems of the server's last verification, marked on the elements they name. */
  problems?: Problem[];
  /** After every edit (and undo / redo). */
  onChange?(): void;
  /** After an import: bpmn-js's warnings, or the error that stopped it. */
  onImport?(result: { warnings: string[]; error?: string }): void;
}

export interface FlowchartDesignerHandle {
  saveXML(): Promise<string>;
  saveSVG(): Promise<string>;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Selects the element and scrolls it into view. */
  select(elementId: string): void;
  /** The bpmn-js modeler itself, for tools and tests that need more than the above. */
  modeler(): Modeler | undefined;
}

interface CommandStack {
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
}

/** The flowchart designer (PROC-1, PROC-2): bpmn-js with our palette, panel and checks. */
export const FlowchartDesigner = forwardRef<FlowchartDesignerHandle, FlowchartDesignerProps>(
  function FlowchartDesigner(props, ref) {
    const { xml, posts, forms, units, problems, onChange, onImport } = props;
    const canvasRef = useRef<HTMLDivElement>(null);
    const panelRef = useRef<HTMLDivElement>(null);
    const [modeler, setModeler] = useState<Modeler>();
    const [issues, setIssues] = useState<LintIssues>({});
    // What the modeler last imported or saved: a prop equal to it needs no new import.
    const shownXml = useRef<string>(undefined);
    const callbacks = useRef({ onChange, onImport });
    callbacks.current = { onChange, onImport };

    useEffect(() => {
      const created = createModeler({
        container: canvasRef.current!,
        panel: panelRef.current!,
        moddle: countyModdle,
        onLint: setIssues,
        onChange: () => callbacks.current.onChange?.(),
      });
      setModeler(created);
      return () => {
        created.destroy();
        shownXml.current = undefined;
      };
    }, []);

    useEffect(() => {
      if (!modeler || xml === shownXml.current) return;
      shownXml.current = xml;
      modeler.importXML(xml).then(
        ({ warnings }) => {
          fitToView(modeler);
          callbacks.current.onImport?.({ warnings: warnings.map(messageOf) });
        },
        (error: Error & { warnings?: unknown[] }) =>
          callbacks.current.onImport?.({
            warnings: (error.warnings ?? []).map(messageOf),
            error: error.message,
          }),
      );
    }, [modeler, xml]);

    useEffect(() => {
      modeler?.get<CountyData>('countyData').set({ posts, forms, units: units ?? [] });
    }, [modeler, posts, forms, units]);

    useEffect(() => {
      modeler?.get<{ show(p: Problem[]): void }>('problemMarkers').show(problems ?? []);
    }, [modeler, problems]);

    const select = useCallback(
      (elementId: string) => {
        if (!modeler) return;
        const element = modeler.get<{ get(id: string): unknown }>('elementRegistry').get(elementId);
        if (!element) return;
        modeler.get<{ select(e: unknown): void }>('selection').select(element);
        modeler.get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(element);
      },
      [modeler],
    );

    useImperativeHandle(ref, () => {
      const stack = () => modeler?.get<CommandStack>('commandStack');
      return {
        async saveXML() {
          if (!modeler) throw new Error('流程图尚未加载');
          const { xml: saved } = await modeler.saveXML({ format: true });
          shownXml.current = saved;
          return saved ?? '';
        },
        async saveSVG() {
          if (!modeler) throw new Error('流程图尚未加载');
          return (await modeler.saveSVG()).svg;
        },
        undo: () => stack()?.undo(),
        redo: () => stack()?.redo(),
        canUndo: () => stack()?.canUndo() ?? false,
        canRedo: () => stack()?.canRedo() ?? false,
        select,
        modeler: () => modeler,
      };
    }, [modeler, select]);

    const listed = useMemo(() => listProblems(problems ?? [], issues), [problems, issues]);
    return (
      <div className="county-designer">
        <div className="county-designer-main">
          <div className="county-designer-canvas" ref={canvasRef} data-testid="flowchart-canvas" />
          <ProblemList problems={listed} onSelect={select} />
        </div>
        <div className="county-designer-panel" ref={panelRef} data-testid="properties-panel" />
      </div>
    );
  },
);

const messageOf = (w: unknown) => (w instanceof Error ? w.message : String(w));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  viewbox(box?: Box): Box & { inner: Box; outer: Box };
}

// Room kept free around a fitted diagram: the palette on the left, the lint button below.
const MARGIN = { left: 150, top: 40, right: 40, bottom: 70 };

/** The whole diagram in view beside the palette, never enlarged beyond its natural size. */
function fitToView(modeler: Modeler) {
  const canvas = modeler.get<Canvas>('canvas');
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !outer.width) return;
  const scale = Math.min(
    1,
    (outer.width - MARGIN.left - MARGIN.right) / inner.width,
    (outer.height - MARGIN.top - MARGIN.bottom) / inner.height,
  );
  canvas.viewbox({
    x: inner.x - MARGIN.left / scale,
    y: inner.y - MARGIN.top / scale,
    width: outer.width / scale,
    height: outer.height / scale,
  });
}

/** The server's problems first, then the live checks it does not already name. */
function listProblems(problems: Problem[], issues: LintIssues): ListedProblem[] {
  const server: ListedProblem[] = problems.map((p) => ({
    ...p,
    source: 'server',
    severity: 'error',
  }));
  const seen = new Set(problems.map((p) => `${p.elementId ?? ''}|${p.message}`));
  const live: ListedProblem[] = Object.values(issues)
    .flat()
    .filter((i) => !seen.has(`${i.id}|${i.message}`))
    .map((i) => ({
      elementId: i.id,
      message: i.message,
      rule: i.rule,
      source: 'lint',
      severity: i.category === 'error' ? 'error' : 'warning',
    }));
  return [...server, ...live];
}
