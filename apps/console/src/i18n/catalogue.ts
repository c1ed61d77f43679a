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

const files = import.meta.glob<Record<string, string>>('./messages/*/*.json', { eager: true, import: 'default' });

function build(): Record<Language, Catalogue> {
  const catalogues: Record<Language, Record<string, string>> = { fr: {}, sw: {}, en: {} };
  for (const [path, messages] of Object.entries(files)) {
    const language = /\.\/messages\/([a-z]+)\//.exec(path)?.[1];
    if (!isLanguage(language)) continue;
    Object.assign(catalogues[language], messages);
  }
  return catalogues;
}

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = build();

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
