import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { IntlProvider, MissingTranslationError, useIntl } from 'react-intl';
import {
  catalogueArrivals,
  DEFAULT_LANGUAGE,
  isCatalogueComplete,
  isLanguage,
  KIVU_TIME_ZONE,
  loadCatalogue,
  loadedCatalogue,
  noteChosenLanguage,
  onCatalogueArrival,
  type Catalogue,
  type Language,
} from './catalogue';

const STORAGE_KEY = 'pamoja.language';

interface LanguageChoice {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice>({ language: DEFAULT_LANGUAGE, setLanguage: () => undefined });

function rememberedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be off (a private window): the default serves.
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The language's catalogue: at once when it has arrived, else French while it comes (Swahili and English are
 * fetched when first chosen; offline before they ever arrived, the console stays in French). `whole: false`
 * is content with what the first load brought of French: the pages that need more wait for it themselves
 * (`lazyPage`), so the first load's link is left to the queues.
 */
export function useCatalogue(
  language: Language,
  { whole = true }: { readonly whole?: boolean } = {},
): { readonly messages: Catalogue; readonly language: Language } {
  useSyncExternalStore(onCatalogueArrival, catalogueArrivals);
  const messages = loadedCatalogue(language);
  const needed = !messages || (whole && !isCatalogueComplete(language));
  useEffect(() => {
    if (needed) loadCatalogue(language).catch(() => undefined);
  }, [language, needed]);
  return messages
    ? { messages, language }
    : { messages: loadedCatalogue(DEFAULT_LANGUAGE) ?? {}, language: DEFAULT_LANGUAGE };
}

/** The chosen language (remembered on this device), its catalogue, and Kivu time for every date. */
export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const first = fixed ?? rememberedLanguage();
    noteChosenLanguage(first);
    return first;
  });
  const setLanguage = useCallback((next: Language) => {
    noteChosenLanguage(next);
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, still switched.
    }
  }, []);
  const choice = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  // What the page reads in: the chosen language once its catalogue is here.
  const shown = useCatalogue(language, { whole: false });
  useEffect(() => {
    document.documentElement.lang = shown.language;
  }, [shown.language]);
  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider
        locale={shown.language}
        defaultLocale={DEFAULT_LANGUAGE}
        messages={shown.messages}
        timeZone={KIVU_TIME_ZONE}
        onError={(error) => {
          // A key of a part of the catalogue not here yet: fetched, and the page reads again once it came.
          if (error instanceof MissingTranslationError && !isCatalogueComplete(shown.language)) {
            loadCatalogue(shown.language).catch(() => undefined);
            return;
          }
          // A missing key is caught by the catalogue check; in the browser it shows the key, not a crash.
          if (import.meta.env.DEV) console.warn(error.message);
        }}
      >
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageChoice {
  return useContext(LanguageContext);
}

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** `t('queues.incoming.title', { count })`: a message of the catalogue, in the chosen language. */
export function useT(): (id: string, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback(
    (id: string, values?: MessageValues) =>
      intl.formatMessage({ id }, values as Record<string, string | number | boolean | Date | null | undefined>),
    [intl],
  );
}

/** Dates and times as read in the Kivus (Africa/Lubumbashi), in the chosen language. */
export function useKivuTime() {
  const intl = useIntl();
  return useMemo(
    () => ({
      dateTime: (iso: string | Date) =>
        intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone: KIVU_TIME_ZONE }),
      date: (iso: string | Date) => intl.formatDate(iso, { dateStyle: 'medium', timeZone: KIVU_TIME_ZONE }),
      time: (iso: string | Date) => intl.formatTime(iso, { timeStyle: 'short', timeZone: KIVU_TIME_ZONE }),
      relative: (iso: string | Date, now = Date.now()) => {
        const minutes = Math.round((new Date(iso).getTime() - now) / 60000);
        if (Math.abs(minutes) < 60) return intl.formatRelativeTime(minutes, 'minute');
        const hours = Math.round(minutes / 60);
        if (Math.abs(hours) < 48) return intl.formatRelativeTime(hours, 'hour');
        return intl.formatRelativeTime(Math.round(hours / 24), 'day');
      },
    }),
    [intl],
  );
}
