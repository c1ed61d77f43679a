import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Plugin } from 'vite';

const GENERATED = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));
/** `graphql(` and a template literal without substitutions: how the console writes its operations. */
const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const OPERATION = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/;
/** The generator's documents: `export const ConsoleXDocument = new TypedDocumentString(\`…\``. */
const GENERATED_DOCUMENT = /export const (\w+)Document = new TypedDocumentString\(`([^`]*)`/g;
const GRAPHQL_IMPORT = /import\s*\{\s*graphql\s*\}\s*from\s*['"][./]*gql(?:\/index)?['"];?/;

let cache: { mtimeMs: number; documents: ReadonlyMap<string, string> } | undefined;

/** The generated documents by operation name, read again when the generator has rewritten them. */
function generatedDocuments(): ReadonlyMap<string, string> {
  const { mtimeMs } = statSync(GENERATED);
  if (cache?.mtimeMs !== mtimeMs) {
    const text = readFileSync(GENERATED, 'utf8');
    cache = {
      mtimeMs,
      documents: new Map([...text.matchAll(GENERATED_DOCUMENT)].map((m) => [m[1] ?? '', m[2] ?? ''])),
    };
  }
  return cache.documents;
}

/**
 * Each `graphql(\`query ConsoleX …\`)` becomes the generator's text of ConsoleX, as a string, where it is
 * written: each page's chunk then carries only its own operations, once. The generator's `graphql()` looks
 * them up at run time in a map of every operation of the console, which no bundler can split, so every
 * page's first load carried all of them (the generator's own build plugins do the same replacement; they are
 * made for Babel and SWC, which this build does not run). At run time a document is only ever read as text
 * (`document.toString()`); its types are unchanged, TypeScript still reads the `graphql()` call. An operation
 * the generator has not seen fails the build: run `npm run codegen`.
 */
export function graphqlDocuments(): Plugin {
  return {
    name: 'pamoja-graphql-documents',
    enforce: 'pre',
    transform(code, id) {
      // The generated module is still imported for its types (an `import { type X }` keeps the import), and its
      // documents are built with `new`, which a bundler keeps unless told it is pure: marked so, they go.
      if (id === GENERATED) {
        return {
          code: code.replaceAll('new TypedDocumentString(', '/* @__PURE__ */ new TypedDocumentString('),
          map: null,
        };
      }
      if (!/\.(ts|tsx)$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(')) return null;
      const documents = generatedDocuments();
      let replaced = 0;
      const transformed = code.replace(CALL, (call, source: string) => {
        const name = OPERATION.exec(source)?.[1];
        if (!name) return call;
        const document = documents.get(name);
        if (document === undefined) {
          this.error(`${name} is not among the generated documents (src/gql/graphql.ts): run \`npm run codegen\``);
        }
        replaced++;
        return JSON.stringify(document);
      });
      if (replaced === 0) return null;
      // The generator's `graphql()` no longer called here: its import goes, and with it the map of every operation.
      const rest = /\bgraphql\(/.test(transformed) ? transformed : transformed.replace(GRAPHQL_IMPORT, '');
      return { code: rest, map: null };
    },
  };
}
