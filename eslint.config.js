import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const dep = (...tags) => tags.map((t) => `type:${t}`);

/** Bounded contexts: each sees itself, the shared kernel and the published language of the others. */
const CONTEXTS = ['referrals', 'sites', 'investigations', 'prosecutions', 'assistance', 'integrations'];

/**
 * Layer and scope rules. Specs may also use the shared test kit (libs/testing) and start a service
 * (type:runtime, the process wiring of libs/platform).
 */
function boundaries(forSpecs) {
  const t = (...tags) => dep(...tags, ...(forSpecs ? ['testing', 'runtime'] : []));
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    // The command-line tools load these only when a command runs (their --help answers at once); the platform
    // that serves them imports them as any module does. Nothing here is split into bundles, so both are fine.
    checkDynamicDependenciesExceptions: ['@pamoja/platform/store', '@pamoja/platform/kafka'],
    banTransitiveDependencies: false,
    depConstraints: [
      // scope: a context sees itself, the shared kernel and the other contexts' published language (their
      // `type:contracts` libraries, nothing else of theirs); the shared kernel sees itself and the published
      // language (the platform's consent read model is built from the referrals' events).
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', 'type:contracts'] },
      ...CONTEXTS.map((context) => ({
        sourceTag: `scope:${context}`,
        onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared', 'type:contracts'],
      })),
      // The joint case is built from every context's events, read as each context publishes them; its specs
      // may write those events as the publishing contexts do, to feed them through the catalogue.
      {
        sourceTag: 'scope:coordination',
        onlyDependOnLibsWithTags: [
          'scope:coordination',
          'scope:shared',
          'type:contracts',
          ...(forSpecs ? CONTEXTS.map((c) => `scope:${c}`) : []),
        ],
      },
      {
        sourceTag: 'scope:app',
        onlyDependOnLibsWithTags: ['scope:shared', 'scope:coordination', ...CONTEXTS.map((c) => `scope:${c}`)],
      },
      // type: layers point inwards; the domain is pure. A context's published language (type:contracts: the
      // types and parsers of the events it shares, derived from the integration catalogue) is read by every
      // layer that consumes other contexts' events; the domain imports its types only.
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: t('util') },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: t('util', 'data-access') },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: t('domain', 'util', 'contracts') },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: t('util') },
      { sourceTag: 'type:application', onlyDependOnLibsWithTags: t('domain', 'util', 'data-access', 'contracts') },
      {
        sourceTag: 'type:infrastructure',
        onlyDependOnLibsWithTags: t('application', 'domain', 'util', 'data-access', 'contracts'),
      },
      // libs/platform: what a context may use (type:platform), and the process wiring and Kafka runtime
      // (type:runtime) that only apps, tools and tests use.
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: t('util', 'data-access', 'platform', 'contracts') },
      {
        sourceTag: 'type:runtime',
        onlyDependOnLibsWithTags: t('util', 'data-access', 'platform', 'runtime', 'contracts'),
      },
      {
        sourceTag: 'type:api',
        onlyDependOnLibsWithTags: t(
          'application',
          'infrastructure',
          'domain',
          'util',
          'data-access',
          'platform',
          'contracts',
        ),
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: dep('util', 'data-access', 'platform', 'runtime', 'contracts'),
      },
      // The console runs in the browser: it speaks to the platform over GraphQL only, typed from the schema.
      { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
      // The console's browser specs drive the built platform as a person would; they borrow the test kit's
      // helpers for the real identity provider (libs/testing), nothing else.
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing'] },
      // The gateway composes the services: it shares the platform's query limits, never a context.
      { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: t('util', 'data-access', 'platform') },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: t(
          'api',
          'gateway',
          'platform',
          'runtime',
          'data-access',
          'util',
          'infrastructure',
          'application',
          'domain',
          'contracts',
        ),
      },
      {
        sourceTag: 'type:tool',
        onlyDependOnLibsWithTags: dep('data-access', 'util', 'testing', 'platform', 'runtime', 'gateway', 'contracts'),
      },
    ],
  };
}

export default tseslint.config(
  // JavaScript is linted where it is source: the .mjs tools and the root configuration files.
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      '**/*.js',
      '!eslint.config.js',
      '!jest.config.js',
      '**/*.cjs',
      // Declarations of the .mjs tools for the TypeScript that imports them: nothing to lint.
      '**/*.d.mts',
      // Generated from docs/api/schema.graphql by `npm run codegen` (checked current in CI).
      'apps/console/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-extraneous-class': 'off', // NestJS modules are decorated empty classes
      // Nest options and GraphQL code-first object types are declared as classes but filled with plain objects.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    // The console: React's hook rules, accessible markup, and no text in a component that is not from the
    // message catalogues (French, Swahili and English; catalogue.test.ts checks every key in all three).
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: 'detect' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.strict.rules,
      'react/jsx-key': 'error',
      'react/jsx-no-literals': [
        'error',
        {
          noStrings: false,
          ignoreProps: true,
          allowedStrings: ['·', '—', '–', ':', '(', ')', '/', '#', '…', '*', '|'],
        },
      ],
      'jsx-a11y/no-autofocus': 'off',
      // `onClick={() => setOpen(true)}` is how React code reads.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // Domain code is pure: no framework, no I/O.
    files: ['libs/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'pg', '@electric-sql/*', 'node:fs', 'node:net', 'kafkajs'],
              message: 'domain code is pure: no framework and no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // Another context's events are read in its published language (`as<Context>Published` from
    // `@pamoja/<context>/contracts`, typed from the integration catalogue and checked once), never by field
    // name out of untyped data.
    files: ['libs/**/*.ts'],
    ignores: [
      // The catalogue maps domain events to the published language; the contracts libraries are that language.
      'libs/messaging/**',
      'libs/*/contracts/**',
      'libs/event-store/**',
      'libs/testing/**',
      '**/*.spec.ts',
      // An upcaster reads an older version's data, before it has a type.
      '**/*.upcasters.ts',
      // Case membership reads the agency's own log (domain events, the person included), not shared events.
      'libs/platform/membership/**',
      // The agency directory and the case references are read the same way, from every event of the log.
      'libs/platform/directory/**',
      'libs/platform/references/**',
      // Personal-data protection encrypts, decrypts and erases the declared paths of any event's data, as JSON.
      'libs/platform/privacy/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.name=/^(text|str|field|required|strings|list)$/] > MemberExpression.arguments[property.name='data']",
          message:
            "Read another context's events through its contracts library (as<Context>Published), not by field name.",
        },
        {
          selector: "CallExpression[callee.name=/^(text|str|field|required)$/][arguments.1.type='Literal']",
          message:
            "Read another context's events through its contracts library (as<Context>Published), not by field name.",
        },
        {
          selector: "MemberExpression[computed=true][object.property.name='data']",
          message:
            "Read another context's events through its contracts library (as<Context>Published), not by field name.",
        },
        {
          selector: "TSAsExpression > MemberExpression.expression[property.name='data']",
          message: 'Event data is typed by its contracts library (as<Context>Published) or its own domain: no cast.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Scripts node runs as they are (.mjs tools, configuration): no type information, node's globals.
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-coercion': 'error',
      'no-shadow': 'error',
      'no-throw-literal': 'error',
      'prefer-promise-reject-errors': 'error',
      'require-await': 'error',
    },
  },
  prettier,
);
