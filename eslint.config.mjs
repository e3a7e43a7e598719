import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'studio/dist', 'test-results', 'coverage', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']",
          message: '存储的定义只能用 FEEL 表达式求值，不得使用 eval 或 new Function',
        },
      ],
    },
  },
  {
    files: ['server/**', 'runtime/**', 'seeds/**', 'tests/**', '*.js', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine stays pure: no I/O, no server, no studio (architecture.md).
    files: ['runtime/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'http', 'net', 'child_process'],
              message: 'runtime/ 不做 I/O',
            },
            {
              group: ['express', 'mongoose', 'mongodb', 'pino'],
              message: 'runtime/ 不依赖服务端库',
            },
            {
              group: ['**/server/**', '**/studio/**'],
              message: 'runtime/ 不依赖 server/ 或 studio/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['studio/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
