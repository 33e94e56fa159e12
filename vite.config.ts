import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: built into dist/web, where the Fastify server serves it. */
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
