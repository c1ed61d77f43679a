import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { LANGUAGES, loadCatalogue } from '../i18n/catalogue';

// Every language at hand from the start, as once chosen in a browser: a test reads its page at once.
await Promise.all(LANGUAGES.map((language) => loadCatalogue(language)));

afterEach(() => {
  cleanup();
});
