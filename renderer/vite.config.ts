import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    // Monaco and Vega are large by nature; the app loads from disk or loopback, never over a network.
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
