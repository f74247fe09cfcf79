/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bundle is served from the WAR root by Liberty; relative URLs keep it working under any context root.
// `HAPPYSIM_API=http://localhost:9380 npm run dev` points the dev server at another Liberty.
const apiTarget = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.HAPPYSIM_API ?? 'http://localhost:9080';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: '../target/frontend',
    chunkSizeWarningLimit: 2000,
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` talks to a running Liberty (mvn liberty:dev) for the API and the WebSocket.
    proxy: {
      // The server refuses a foreign Origin on POSTs and WebSocket handshakes: present the target's own.
      '/api': {
        target: apiTarget,
        ws: true,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => req.setHeader('origin', apiTarget));
          proxy.on('proxyReqWs', (req) => req.setHeader('origin', apiTarget));
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
