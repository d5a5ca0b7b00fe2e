import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks: a console release then only re-downloads the app's own code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
            // Charts are only on the supervisor's metrics (loaded on demand): kept out of everyone's first download.
            {
              name: 'charts',
              test: /[\\/]node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|decimal\.js-light|internmap|es-toolkit|immer|reselect|redux|@reduxjs|react-redux|redux-thunk)[\\/]/,
              priority: 10,
            },
            // Twilio's Voice SDK: only an operator console with the softphone on loads it (phone/device-seam.ts).
            { name: 'voice', test: /[\\/]node_modules[\\/](@twilio[\\/]voice-sdk|@twilio[\\/]voice-errors|events|loglevel)[\\/]/, priority: 10 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // shared/ lives outside the client root.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': api,
      '/webhooks': api,
      '/healthz': api,
      '/readyz': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
