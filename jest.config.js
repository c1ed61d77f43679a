// Test tiers by file suffix: *.spec.ts (unit), *.int.spec.ts (real PostgreSQL), *.e2e.spec.ts (running app),
// *.browser.spec.ts (the console in Chromium against the platform as `npm start` runs it).
import { availableParallelism } from 'node:os';

const swc = [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    // PGlite databases created empty start from one initdb per run instead of one each (tools/jest/pglite.ts).
    '^@electric-sql/pglite$': '<rootDir>/tools/jest/pglite.ts',
    '^@pamoja/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tools/jest/setup.ts'],
};

export default {
  rootDir: '.',
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: one on CI's two, while many suites spend their time
  // waiting on PostgreSQL, Kafka, a started platform or a browser. The test files are written to run side by
  // side (own databases, topics, ports, data directories; builds take a lock). `--maxWorkers` overrides it.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // The default report, then the slowest files: the run's length is watched in every run's output.
  reporters: ['default', '<rootDir>/tools/jest/slowest-suites.mjs'],
  globalSetup: '<rootDir>/tools/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: [
        '\\.int\\.spec\\.ts$',
        '\\.e2e\\.spec\\.ts$',
        '\\.browser\\.spec\\.ts$',
        '/node_modules/',
        '/dist/',
      ],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/apps/console-e2e/**/*.browser.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
  ],
};
