import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The page and its assets stay on the device for a reload on a dropped link (not in development,
// where Vite serves modules one by one).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    // Every page of the console kept on the device, not only those opened: a page first opened offline opens.
    void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage('keep-assets'));
  });
}
