import { mergeCatalogue, type Messages } from '../merge';

/** Every message of the console in this language, merged from its files (one chunk, loaded when chosen). */
export default mergeCatalogue(import.meta.glob<Messages>('../messages/sw/*.json', { eager: true, import: 'default' }));
