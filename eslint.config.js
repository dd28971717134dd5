import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layering of ARCHITECTURE.md, enforced: imports point one way. */
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'renderer/dist/**', 'test-results/**', 'playwright-report/**', 'e2e/output/**', 'bench/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['core/**'], [
    { group: ['**/renderer/**', '**/electron/**', 'electron', 'react', 'react-dom'], message: 'core is pure TypeScript on Node: no Electron, React or renderer.' },
  ]),
  layer(['connectors/**'], [{ group: ['**/core/**'], message: 'Connectors import nothing from core (see connectors/types.ts).' }]),
  layer(['renderer/**'], [
    { group: ['**/core/*', '!**/core/api', '**/core/*/**', '!**/core/api/**', '**/electron/**', 'electron', 'node:*'], message: 'The renderer talks to core only through core/api.' },
  ]),
  {
    files: ['bin/**', 'scripts/**', 'bench/**', 'e2e/**', 'core/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
