import { existsSync } from 'node:fs';
import { ensureStudioBuild } from '../../../server/studio/build';
import { chromiumPath } from './browser';

/** Browser tests need the studio's production build and Debian's Chromium. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `找不到 Chromium（${chromiumPath()}）：请运行 apt-get install chromium，或设置 CHROMIUM_PATH`,
    );
  }
  await ensureStudioBuild((m) => process.stderr.write(`[tests] ${m}\n`));
}
