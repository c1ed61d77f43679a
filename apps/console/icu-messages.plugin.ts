import { parse } from '@formatjs/icu-messageformat-parser';
import { type Plugin } from 'vite';

/** The modules that bring a language's catalogue (`src/i18n/languages/*.ts`). */
const LANGUAGE_MODULE = /[\\/]src[\\/]i18n[\\/]languages[\\/][^\\/]+\.ts$/;
const QUERY = '?icu';

/**
 * The catalogues a language module brings are parsed at build time: each ICU message becomes the parser's
 * syntax tree (which react-intl formats as it is), so the parser itself stays out of the browser (about 7 kB
 * on the wire, on a 400 kbps link) and no phone parses a message (ADR 0034). A message that is not valid ICU
 * fails the build, naming the file and the key. Only the catalogues imported by a language module are
 * parsed: a page reading a message file for its plain text (the case page's English sentences) gets it as it is.
 */
export function icuMessages(): Plugin {
  return {
    name: 'pamoja-icu-messages',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !LANGUAGE_MODULE.test(importer) || !source.endsWith('.json')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${resolved.id}${QUERY}` : null;
    },
    transform(code, id) {
      if (!id.endsWith(`.json${QUERY}`)) return null;
      const file = id.slice(0, -QUERY.length);
      const messages = JSON.parse(code) as Record<string, unknown>;
      const trees = Object.fromEntries(
        Object.entries(messages).map(([key, message]) => {
          if (typeof message !== 'string') throw new Error(`${file}: "${key}" is not a string`);
          try {
            return [key, parse(message)];
          } catch (error) {
            throw new Error(
              `${file}: "${key}" is not valid ICU: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }),
      );
      // JSON.parse of a string literal: smaller to ship and faster to read than the same object written as code.
      return {
        code: `export default JSON.parse(${JSON.stringify(JSON.stringify(trees))});\n`,
        map: null,
        moduleType: 'js',
      };
    },
  };
}
