import { type CodegenConfig } from '@graphql-codegen/cli';

/**
 * The console's GraphQL operations are typed from the published schema (docs/api/schema.graphql):
 * `npm run codegen` writes src/gql; CI checks that it is current. Documents are plain strings, so the
 * console ships no GraphQL parser.
 */
const config: CodegenConfig = {
  schema: 'docs/api/schema.graphql',
  documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'apps/console/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', ID: 'string' },
        skipTypename: true,
      },
    },
  },
};
export default config;
