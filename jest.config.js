/** @type {import('jest').Config} */
// ESM-only packages (bpmn-moddle, feelin and what they import) are turned into CommonJS for jest;
// everything else in node_modules is left alone.
const esmPackages = [
  'bpmn-moddle',
  'moddle',
  'moddle-xml',
  'min-dash',
  'saxen',
  'feelin',
  'lezer-feel',
  'temporal-polyfill',
  'temporal-utils',
  'temporal-spec',
  '@bpmn-io/moddle-utils',
  // file-type (upload sniffing) and its ESM dependencies.
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  '@borewit/text-codec',
  'uint8array-extras',
];
const esm = esmPackages.join('|');
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  '^.+\\.m?js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, isolatedModules: true },
  ],
};

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  // Also copies nested under another package (bpmn-engine brings its own moddle).
  transformIgnorePatterns: [`/node_modules/(?!(?:${esm})/)(?!.*/node_modules/(?:${esm})/)`],
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  testTimeout: 60_000,
  // Each test file loads the whole server into the worker again and not all of it is freed: run in
  // band, 80 files grew one process to 5.5 GB and slowed every later file several times over. A worker
  // past this size after a file is replaced by a fresh one (and setting it makes jest use workers).
  workerIdleMemoryLimit: '1GB',
  // One embedded database for the whole run; each test file gets its own database in it.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  projects: [
    project('unit'),
    project('integration'),
    project('browser', {
      globalSetup: '<rootDir>/tests/browser/support/global-setup.ts',
    }),
  ],
};
