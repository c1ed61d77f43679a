import { mergeCatalogue } from '../merge';

/** Every message of the console in this language, merged from its files (one chunk, loaded when chosen). */
export default mergeCatalogue(
  import.meta.glob<Record<string, string>>('../messages/fr/*.json', { eager: true, import: 'default' }),
);
