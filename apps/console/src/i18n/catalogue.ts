import french from './languages/fr';
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

export type Catalogue = Readonly<Record<string, string>>;

/**
 * French, the default, comes with the console's first load; Swahili and English each come as their own
 * chunk when first chosen (every language's messages together were half the first load). Until a chosen
 * language has arrived, the console reads in French.
 */
const LOADERS: Readonly<Record<Exclude<Language, 'fr'>, () => Promise<{ default: Catalogue }>>> = {
  sw: () => import('./languages/sw'),
  en: () => import('./languages/en'),
};
const loaded = new Map<Language, Catalogue>([['fr', french]]);
const loading = new Map<Language, Promise<Catalogue>>();

/** The language's catalogue if it has arrived (French always has). */
export function loadedCatalogue(language: Language): Catalogue | undefined {
  return loaded.get(language);
}

/** The language's catalogue, fetched once. */
export function loadCatalogue(language: Language): Promise<Catalogue> {
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  if (language === 'fr') return Promise.resolve(french);
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]().then(
      (module) => {
        loaded.set(language, module.default);
        return module.default;
      },
      (error: unknown) => {
        // Offline before it ever arrived: tried again at the next choice.
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
