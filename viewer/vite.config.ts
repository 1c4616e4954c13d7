/**
 * Vite config for the browser viewer: root is viewer/, output viewer/dist. The viewer imports core/
 * and envs/ directly (they are pure TypeScript), so vite bundles the same engine the server runs.
 * `npm run dev` serves this with hot reload; `npm start` builds it and the Tabula server serves dist.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // Relative asset paths: the build works under the Tabula server at / and under `vite preview`.
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // pixi.js is one large chunk; that is expected and loads once.
    chunkSizeWarningLimit: 2000,
  },
  // The scoring worker shares chunks with the page (core, envs): ES module workers allow that.
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    // core/ and envs/ live beside viewer/: let the dev server read them.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    // In dev, the API comes from a Tabula server started separately (`npx tabula serve`).
    proxy: { '/api': 'http://127.0.0.1:8001' },
  },
  // `vite preview` is the viewer without a server: no proxy, so play runs and records in the browser.
  preview: { host: '127.0.0.1', proxy: {} },
});
