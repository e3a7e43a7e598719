import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { AppError } from '../http/errors';

export const STUDIO_DIST = path.resolve(__dirname, '..', '..', 'studio', 'dist');

/** Serves the built studio; any other GET outside /api falls back to its index page. */
export function serveStudio(app: Express, distDir = STUDIO_DIST): void {
  const index = path.join(distDir, 'index.html');
  app.use(
    '/assets',
    // Vite puts a content hash in every asset name, so they never change under one URL.
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  app.use(express.static(distDir, { index: false, maxAge: 0 }));
  app.get(/^\/(?!api(\/|$)).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (!existsSync(index)) {
      return next(
        new AppError(503, 'studio_not_built', '界面尚未构建，请运行 npm run build:studio'),
      );
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
