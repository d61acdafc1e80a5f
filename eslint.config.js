// Lint for the whole workspace: typescript-eslint's recommended rules, no
// import cycles, fp-ts/io-ts only through their `lib/*.js` paths (they have no
// exports map, so bare `fp-ts/Either` fails at run time under native ESM), and
// a domain package that cannot reach I/O.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const barePaths = {
  group: ['fp-ts/*', '!fp-ts/lib', '!fp-ts/lib/*', 'io-ts/*', '!io-ts/lib', '!io-ts/lib/*'],
  message: 'Import fp-ts/io-ts modules as `fp-ts/lib/X.js` (no exports map under native ESM).',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench-results/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [barePaths] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts', 'packages/domain/src/**/*.test-fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            barePaths,
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'https', 'crypto', 'os'],
              message: 'The domain does no I/O: no Node built-ins.',
            },
            {
              group: [
                'better-sqlite3',
                'pg',
                'kysely',
                '@eventstore/*',
                '@itsm/event-store-*',
                '@itsm/projections',
                '@itsm/cli',
              ],
              message: 'The domain does no I/O: no databases or adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The domain reads no clock: time arrives in command metadata.' },
        { name: 'setTimeout', message: 'The domain does no I/O.' },
        { name: 'fetch', message: 'The domain does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Deciders are deterministic.' },
        {
          object: 'Temporal',
          property: 'Now',
          message: 'The domain reads no clock: time arrives in command metadata.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
