import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const dep = (...tags) => tags.map((t) => `type:${t}`);

/** Bounded contexts: each sees only itself and the shared kernel. */
const CONTEXTS = ['referrals', 'sites', 'investigations', 'prosecutions', 'assistance'];

/**
 * Layer and scope rules. Specs may also use the shared test kit (libs/testing) and start a service
 * (type:runtime, the process wiring of libs/platform).
 */
function boundaries(forSpecs) {
  const t = (...tags) => dep(...tags, ...(forSpecs ? ['testing', 'runtime'] : []));
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    banTransitiveDependencies: false,
    depConstraints: [
      // scope: a context sees itself and the shared kernel; the shared kernel sees only itself
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      ...CONTEXTS.map((context) => ({
        sourceTag: `scope:${context}`,
        onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared'],
      })),
      // The joint case is built from every context's events, so coordination may read their domains.
      {
        sourceTag: 'scope:coordination',
        onlyDependOnLibsWithTags: ['scope:coordination', 'scope:shared', ...CONTEXTS.map((c) => `scope:${c}`)],
      },
      {
        sourceTag: 'scope:app',
        onlyDependOnLibsWithTags: ['scope:shared', 'scope:coordination', ...CONTEXTS.map((c) => `scope:${c}`)],
      },
      // type: layers point inwards; the domain is pure
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: t('util') },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: t('domain', 'util') },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: t('util') },
      { sourceTag: 'type:application', onlyDependOnLibsWithTags: t('domain', 'util', 'data-access') },
      { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: t('application', 'domain', 'util', 'data-access') },
      // libs/platform: what a context may use (type:platform), and the process wiring and Kafka runtime
      // (type:runtime) that only apps, tools and tests use.
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: t('util', 'data-access', 'platform') },
      { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: t('util', 'data-access', 'platform', 'runtime') },
      {
        sourceTag: 'type:api',
        onlyDependOnLibsWithTags: t('application', 'infrastructure', 'domain', 'util', 'data-access', 'platform'),
      },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: dep('util', 'data-access', 'platform', 'runtime') },
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
        ),
      },
      {
        sourceTag: 'type:tool',
        onlyDependOnLibsWithTags: dep('data-access', 'util', 'testing', 'platform', 'runtime', 'gateway'),
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.ts'],
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
    files: ['**/*.spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
