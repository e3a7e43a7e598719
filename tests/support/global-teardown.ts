import fs from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.testDatabase;
  if (!state) return;
  await state.handle?.stop();
  await fs.rm(state.dataDir, { recursive: true, force: true });
}
