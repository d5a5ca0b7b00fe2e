import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [
    react(),
    // The installable console: a manifest and the service worker of src/sw.ts (app shell and push alerts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'autoUpdate',
      injectManifest: { globPatterns: ['**/*.{js,css,html,png}'], globIgnores: ['**/*.map', '**/voice-*.js', '**/charts-*.js'], maximumFileSizeToCacheInBytes: 3 * 1024 * 1024 },
      manifest: {
        name: 'Tổng đài 111',
        short_name: 'Tổng đài 111',
        description: 'Tiếp nhận, chuyển gửi và theo dõi ca của Tổng đài quốc gia bảo vệ trẻ em 111',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
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
