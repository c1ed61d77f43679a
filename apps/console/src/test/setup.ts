import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, vi } from 'vitest';
import { LANGUAGES, loadCatalogue } from '../i18n/catalogue';

// Every language at hand from the start, as once chosen in a browser: a test reads its page at once.
await Promise.all(LANGUAGES.map((language) => loadCatalogue(language)));

afterEach(() => {
  cleanup();
});

// Preact runs a render's effects after the next frame, or after 35 ms without one, and then cancels whichever did not
// fire: a render in a file's last moments must get there while the DOM (and its cancelAnimationFrame) still exists,
// or the timer throws once the environment is torn down (it failed a CI run so).
afterAll(async () => {
  cleanup();
  vi.useRealTimers();
  await new Promise((resolve) => setTimeout(resolve, 50));
});
