import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web app: built from renderer/ into out/renderer, loaded from disk by the
// main process (relative asset paths), and talking only through window.cairn.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
  },
});
