import type { Locator, Page } from 'playwright-core';

// diagram-js ignores clicks on elements for 400 ms after a drag ends.
const settle = (page: Page) => page.waitForTimeout(450);

/** A shape by its visible name; events and gateways carry the name on a separate label. */
export async function shapeId(page: Page, name: string): Promise<string> {
  const el = page.locator('g.djs-element').filter({
    has: page.locator('text', { hasText: new RegExp(`^${name}$`) }),
  });
  const ids = await el.evaluateAll((nodes) =>
    nodes.map((n) => n.getAttribute('data-element-id') ?? ''),
  );
  const id = ids.map((i) => i.replace(/_label$/, '')).find((i) => i && !i.startsWith('Flow'));
  if (!id) throw new Error(`画布上没有名为「${name}」的元素`);
  return id;
}

export const shape = (page: Page, id: string): Locator =>
  page.locator(`g.djs-element.djs-shape[data-element-id="${id}"]`);

export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Places an element from the palette at a point and names it, as a clerk does. */
export async function place(
  page: Page,
  action: string,
  at: { x: number; y: number },
  name: string,
) {
  await page.locator(`.djs-palette [data-action="${action}"]`).click();
  await page.mouse.move(at.x, at.y);
  await page.mouse.move(at.x + 1, at.y + 1);
  await page.mouse.click(at.x + 1, at.y + 1);
  await settle(page);
  // Tasks open their label editor at once; events and gateways on a double click.
  if (!action.includes('task')) await page.mouse.dblclick(at.x + 1, at.y + 1);
  await page.locator('.djs-direct-editing-parent').waitFor();
  await page.keyboard.type(name);
  await emptyCanvas(page);
}

/** Clicks an empty part of the canvas (which also selects the process). */
export async function emptyCanvas(page: Page) {
  const box = (await page.locator('.djs-container').boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + box.height - 40);
  await settle(page);
}

export async function select(page: Page, id: string) {
  const { x, y } = await centre(shape(page, id));
  await page.mouse.click(x, y);
  await settle(page);
}

/** Draws a sequence flow by dragging the context pad's connect handle onto the target. */
export async function connect(page: Page, from: string, to: string) {
  await select(page, from);
  const handle = await centre(page.locator('.djs-context-pad.open [data-action="connect"]'));
  const target = await centre(shape(page, to));
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await settle(page);
  await emptyCanvas(page);
}

/** Selects the straight flow between two shapes by clicking part of the way along it. */
export async function selectFlow(page: Page, from: string, to: string) {
  const a = await centre(shape(page, from));
  const b = await centre(shape(page, to));
  await page.mouse.click(a.x + (b.x - a.x) * 0.6, a.y + (b.y - a.y) * 0.6);
  await settle(page);
}

/** Opens a properties-panel group if it is closed. */
export async function openGroup(page: Page, group: string): Promise<Locator> {
  const g = page.locator(`[data-group-id="group-${group}"]`);
  const header = g.locator('.bio-properties-panel-group-header');
  if (!((await header.getAttribute('class')) ?? '').includes('open')) await header.click();
  return g;
}
