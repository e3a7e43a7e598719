import type { Browser, Page } from 'playwright-core';
import { seedDemoCounty } from '../../../seeds';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { launchChromium, watchForErrors } from './browser';

export interface StudioWorld {
  readonly server: TestServer;
  /** A fresh browser context and page, with its console errors collected. */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

/** The real server on this file's own database, seeded with the demo county, and a browser. */
export function useStudioWorld(): StudioWorld {
  const t = useTestDatabase();
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      if (!server) throw new Error('服务器在 beforeAll 之后才可用');
      return server;
    },
    async newPage(viewport = { width: 1366, height: 860 }) {
      const context = await browser!.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      return { page, errors: watchForErrors(page) };
    },
  };
}
