import french from './languages/fr';
import type { Messages } from './merge';
/**
 * The console's message catalogues, in ICU MessageFormat: one JSON file per area and language under
 * messages/<language>/. French is the default (the DRC's official language), with Swahili and English.
 * A check (catalogue.test.ts) fails when a key is missing in any language or used without existing.
 */
export const LANGUAGES = ['fr', 'sw', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';
/** Kivu time: North and South Kivu are on Central Africa Time (UTC+2, no daylight saving). */
export const KIVU_TIME_ZONE = 'Africa/Lubumbashi';

/** A language's messages, parsed at build time. */
export type Catalogue = Messages;

/**
 * What the console reads before anything else, in French (the default): the shell, sign-in, the queues and
 * the API's errors come with the first load. The rest of French, and all of Swahili and English, each come
 * as one chunk: French's rest with the first page that needs it (`lazyPage` waits for the chosen language),
 * Swahili and English when first chosen. Until a chosen language has arrived, the console reads in French.
 */
const LOADERS: Readonly<Record<Language, () => Promise<{ default: Catalogue }>>> = {
  fr: () => import('./languages/fr-more'),
  sw: () => import('./languages/sw'),
  en: () => import('./languages/en'),
};
/** Each language's messages at hand; complete once its chunk has arrived. */
const loaded = new Map<Language, Catalogue>([['fr', french]]);
const complete = new Set<Language>();
const loading = new Map<Language, Promise<Catalogue>>();
const listeners = new Set<() => void>();
let arrivals = 0;

/** The language's messages at hand (French's first part at least, always). */
export function loadedCatalogue(language: Language): Catalogue | undefined {
  return loaded.get(language);
}

/** Whether every message of the language has arrived. */
export function isCatalogueComplete(language: Language): boolean {
  return complete.has(language);
}

/** Called when a language's messages arrive; returns the function that stops it. */
export function onCatalogueArrival(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Counts the arrivals, so that a component re-renders with the messages that came. */
export function catalogueArrivals(): number {
  return arrivals;
}

let chosen: Language = DEFAULT_LANGUAGE;

/** The language the console reads in now (set by the I18nProvider), which a page loaded later waits for. */
export function chosenLanguage(): Language {
  return chosen;
}

export function noteChosenLanguage(language: Language): void {
  chosen = language;
}

/** Every message of the language, fetched once. */
export function loadCatalogue(language: Language): Promise<Catalogue> {
  const ready = loaded.get(language);
  if (ready && complete.has(language)) return Promise.resolve(ready);
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]().then(
      (module) => {
        const whole = { ...loaded.get(language), ...module.default };
        loaded.set(language, whole);
        complete.add(language);
        loading.delete(language);
        arrivals++;
        for (const listener of listeners) listener();
        return whole;
      },
      (error: unknown) => {
        // Offline before it ever arrived: tried again at the next need.
        loading.delete(language);
        throw error;
      },
    );
    loading.set(language, pending);
  }
  return pending;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
