import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { graphqlDocuments } from './graphql-documents.plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console: built to dist/console, which the embedded app and the gateway serve at `/`. In
 * development (`npx vite apps/console`), API paths go to the platform on :4000.
 */
export default defineConfig({
  root,
  plugins: [graphqlDocuments(), react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    // The budget (200 kB of initial JavaScript, gzipped) is measured by `npm run bench:console`.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      // The platform's sign-in endpoints; `/auth/callback` is the console's own page (the provider's return).
      '/auth/config': 'http://localhost:4000',
      '/auth/dev-token': 'http://localhost:4000',
    },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
