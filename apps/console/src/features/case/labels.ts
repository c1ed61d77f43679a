import { useCallback, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { agencyName, type DirectoryEntry } from '../../components/agency';
// The timeline's summaries come in English: each is compared with the English sentence of its event.
import englishCase from '../../i18n/messages/en/case.json';
import { useLanguage, useT } from '../../i18n/i18n';
import type { TimelineEntry } from './documents';

/** A timeline entry as read by a person: its sentence, and what the platform said when that adds to it. */
export interface EntrySentence {
  readonly text: string;
  /** The language of `text` when it is the platform's own sentence (English), not the catalogue's. */
  readonly lang?: string;
  /** The platform's sentence (English), shown beside a translated one when it says more (a date, a kind). */
  readonly detail?: string;
  /** Only that an agency acted is shared, not what: the sentence says so. */
  readonly withheld: boolean;
}

const same = (a: string, b: string | undefined) => a.trim().toLowerCase() === b?.trim().toLowerCase();

/** The labels of the case page: agencies, categories and timeline sentences, in the chosen language. */
export function useCaseLabels() {
  const t = useT();
  const intl = useIntl();
  const { language } = useLanguage();
  const has = useCallback((id: string) => intl.messages[id] !== undefined, [intl]);
  /** A catalogue message when there is one, else `fallback` (a value the API sent that has no key yet). */
  const maybe = useCallback((id: string, fallback: string) => (has(id) ? t(id) : fallback), [has, t]);

  return useMemo(() => {
    /**
     * `PNC Masisi (Police)`: the directory's name, else the id; agency types come as `police` on the
     * timeline, `POLICE` on parts.
     */
    const agency = (agencyId: string, agencyType?: string | null, entry?: DirectoryEntry) => {
      const name = agencyName(agencyId, entry);
      return agencyType
        ? t('case.agency', { agency: name, type: maybe(`agencyType.${agencyType.toLowerCase()}`, agencyType) })
        : name;
    };

    const category = (name: string | null) =>
      name && has(`case.category.${name}`) ? t(`case.category.${name}`) : t('case.category.other');

    /**
     * A redacted entry (flagged, or with neither type nor sentence) reads "not shared with your agency" with
     * its category. Otherwise: in English the platform's sentence; in French and Swahili the type's own
     * message, with the platform's sentence beside it when it says more; a type without a message reads
     * as the platform's sentence.
     */
    const sentence = (entry: Pick<TimelineEntry, 'redacted' | 'eventType' | 'summary' | 'category'>): EntrySentence => {
      if (entry.redacted || (!entry.eventType && !entry.summary)) {
        return { text: t('case.timeline.redacted', { category: category(entry.category) }), withheld: true };
      }
      const key = entry.eventType ? `case.event.${entry.eventType}` : undefined;
      const translated = key && has(key) ? t(key) : undefined;
      if (language === 'en' || !translated) {
        const text = entry.summary ?? translated ?? entry.eventType ?? '';
        return { text, withheld: false, ...(entry.summary && language !== 'en' ? { lang: 'en' } : {}) };
      }
      const plain = key ? (englishCase as Readonly<Record<string, string>>)[key] : undefined;
      return {
        text: translated,
        withheld: false,
        ...(entry.summary && !same(entry.summary, plain) ? { detail: entry.summary } : {}),
      };
    };

    return { agency, category, sentence, maybe };
  }, [t, has, maybe, language]);
}
