import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const studio = path.dirname(new URL(import.meta.url).pathname);
const backend = process.env.STUDIO_BACKEND ?? 'http://127.0.0.1:3000';
// The properties panel ships its own Preact; diagram-js's menus import `preact`. One copy for both
// (two copies in one bundle break hooks, integration-notes.md).
const preact = path.join(studio, '../node_modules/@bpmn-io/properties-panel/preact');

export default defineConfig({
  root: studio,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^preact(\/.*)?$/, replacement: `${preact}$1` },
      // The backtracking check runs on the server only (see the file's comment).
      {
        find: /^recheck\/lib\/browser\.js$/,
        replacement: path.join(studio, 'src/forms/recheck-in-studio.ts'),
      },
    ],
  },
  build: {
    outDir: path.join(studio, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: { '/api': backend, '/healthz': backend, '/readyz': backend },
  },
});
