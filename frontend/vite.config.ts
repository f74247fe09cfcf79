/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bundle is served from the WAR root by Liberty; relative URLs keep it working under any context root.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: '../target/frontend',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` talks to a running Liberty (mvn liberty:dev) for the API and the WebSocket.
    proxy: {
      '/api': { target: 'http://localhost:9080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
