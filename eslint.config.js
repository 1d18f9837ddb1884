// Lint rules, above all the ones that say where code may run (see ../shared/ARCHITECTURE.md):
// core/ is environment-neutral (no Node, no DOM, no Electron); renderer/ never reaches Node.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const bare = (names) => `^(${names.map(escape).join('|')})(/.*)?$`;
// Anchored so that relative imports such as '../util/rng.ts' never match a built-in module's name.
const nodeImports = `^node:|${bare(builtinModules.filter((name) => !name.startsWith('_')))}`;
const nativePackages = bare(['electron', 'better-sqlite3', 'sharp', 'onnxruntime-node', 'webgpu']);
const uiPackages = bare(['react', 'react-dom']);

const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
  name,
  message: 'Node globals are not available here; inject what you need from the host.',
}));
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'self'].map(
  (name) => ({ name, message: 'core/ runs outside the DOM; inject what you need from the host.' }),
);

export const boundaryRules = {
  core: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: nodeImports, message: 'core/ is environment-neutral: no Node modules.' },
          { regex: nativePackages, message: 'core/ is environment-neutral: no Electron or native packages.' },
          { regex: uiPackages, message: 'core/ is environment-neutral: no UI framework.' },
          {
            group: ['**/electron/**', '**/renderer/**', '**/native-workers/**'],
            message: 'core/ must not depend on the layers above it.',
          },
        ],
      },
    ],
    'no-restricted-globals': ['error', ...nodeGlobals, ...domGlobals],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `${nodeImports}|${nativePackages}`,
            message: 'renderer/ reaches the main process only through window.filterbank (the API contract).',
          },
          { group: ['**/electron/**', '**/native-workers/**'], message: 'renderer/ must not import main-process code.' },
        ],
      },
    ],
    'no-restricted-globals': ['error', ...nodeGlobals],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/', '.device/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Plain JavaScript entry points run under Node.
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['core/**/*.ts'], ignores: ['core/**/*.test.ts'], rules: boundaryRules.core },
  { files: ['renderer/**/*.{ts,tsx}'], ignores: ['renderer/**/*.test.{ts,tsx}'], rules: boundaryRules.renderer },
);
