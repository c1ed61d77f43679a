import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** One area's messages as the build gives them: each ICU message already parsed (icu-messages.plugin.ts). */
export type Messages = Readonly<Record<string, MessageFormatElement[]>>;

/** The messages of one language, from its files (one per area of the console). */
export function mergeCatalogue(files: Record<string, Messages>): Messages {
  return Object.assign({}, ...Object.values(files)) as Messages;
}
