/** @type {import('jest').Config} */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  testTimeout: 60_000,
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
