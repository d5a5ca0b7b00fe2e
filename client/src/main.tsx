import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/query-client.js';
import { App } from './app.js';
import './i18n/index.js';
import './styles.css';
import './layout.css';
import './tables.css';
import './dialog.css';
import './agency-pickers.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The installable console (manifest + service worker): only the built console has a worker to register.
if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
