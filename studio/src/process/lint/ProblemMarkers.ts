import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

/** A problem found by the server's verification (PROC-4), as GET/PUT …/process answer it. */
export interface Problem {
  elementId?: string;
  message: string;
  rule: string;
}

const MARKER = 'county-problem';

/** Marks the elements the server's verification named: a red outline and a badge with the count. */
export default class ProblemMarkers {
  static $inject = ['canvas', 'elementRegistry', 'overlays', 'eventBus'];

  private marked: string[] = [];
  private problems: Problem[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
    private readonly overlays: Overlays,
    eventBus: { on(event: string, fn: () => void): void },
  ) {
    // A new import redraws everything: mark again what is still named.
    eventBus.on('import.done', () => this.draw());
  }

  show(problems: Problem[]): void {
    this.problems = problems;
    this.draw();
  }

  private draw(): void {
    for (const id of this.marked) {
      if (this.elementRegistry.get(id)) this.canvas.removeMarker(id, MARKER);
    }
    this.overlays.remove({ type: MARKER });
    const byElement = new Map<string, Problem[]>();
    for (const p of this.problems) {
      if (p.elementId && this.elementRegistry.get(p.elementId)) {
        byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p]);
      }
    }
    this.marked = [...byElement.keys()];
    for (const [id, list] of byElement) {
      this.canvas.addMarker(id, MARKER);
      const badge = document.createElement('div');
      badge.className = 'county-problem-badge';
      badge.textContent = String(list.length);
      badge.title = list.map((p) => p.message).join('\n');
      // Bottom right: the live check's mark sits at the top left.
      this.overlays.add(id, MARKER, { position: { bottom: 10, right: 10 }, html: badge });
    }
  }
}
