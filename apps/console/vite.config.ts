import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { graphqlDocuments } from './graphql-documents.plugin.ts';
import { icuMessages } from './icu-messages.plugin.ts';
import { precacheList } from './precache-list.plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console: built to dist/console, which the embedded app and the gateway serve at `/`. In
 * development (`npx vite apps/console`), API paths go to the platform on :4000.
 */
export default defineConfig(({ command }) => ({
  root,
  plugins: [icuMessages(), graphqlDocuments(), precacheList()],
  // The console is written against React's API and runs on Preact's (preact/compat): the same components
  // in about a third of the bytes, for the first load on a 400 kbps link (ADR 0034). Vite compiles the JSX
  // itself (automatic runtime), so `react/jsx-runtime` lands on Preact's too. The component tests run on
  // the same runtime as the browser: Testing Library's ES build is taken so that it goes through these
  // aliases rather than loading react-dom.
  resolve: {
    alias: [
      { find: /^@testing-library\/react$/, replacement: '@testing-library/react/dist/@testing-library/react.esm.js' },
      { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
      // The catalogues arrive parsed (icu-messages.plugin.ts): the browser needs the parser's types only. The
      // tests keep the parser (the catalogue check parses every message itself).
      ...(command === 'build'
        ? [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
            },
          ]
        : []),
    ],
  },
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
    // Through Vite, so that the aliases above give them Preact too.
    server: { deps: { inline: [/@testing-library\/react/, /react-intl/, /@visx\//] } },
  },
}));
