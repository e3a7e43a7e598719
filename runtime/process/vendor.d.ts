// Declarations for packages that ship none usable here: bpmn-moddle 10 keeps its types under
// `bpmn-moddle/types` (element shapes only), bpmnlint's entry and rules ship no declarations.
// Elements are typed loosely in `./moddle.ts`; these declarations only say what is called.

declare module 'bpmn-moddle' {
  export interface ModdleParseWarning {
    message: string;
    element?: { $type?: string; id?: string };
    property?: string;
    value?: unknown;
  }
  export interface ModdleParseResult {
    rootElement: unknown;
    warnings: ModdleParseWarning[];
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}

declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
  }
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/rules/*' {
  const factory: (config?: unknown) => {
    meta?: { documentation?: { url?: string } };
    check: unknown;
  };
  export = factory;
}

// recheck's pure build (Scala.js, no worker, no child process): its `main` entry would run
// `checkSync` in a worker thread that starts a native binary. Same API as the package's entry.
declare module 'recheck/lib/browser.js' {
  export { checkSync, type Diagnostics, type Parameters } from 'recheck';
}
