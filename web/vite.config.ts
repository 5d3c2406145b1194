import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root: `vite build web` (npm run build:web) writes web/dist, which Relais serves at /app.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `npm run dev:web`: the Desk with hot reload on :5173, the API from a Relais on :8000.
  server: { proxy: { '/api': 'http://localhost:8000' } },
});
