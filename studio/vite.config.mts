import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const studio = path.dirname(new URL(import.meta.url).pathname);
const backend = process.env.STUDIO_BACKEND ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: studio,
  plugins: [react()],
  build: {
    outDir: path.join(studio, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: { '/api': backend, '/healthz': backend, '/readyz': backend },
  },
});
