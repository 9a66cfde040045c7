import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Packages no library may import: the libraries run anywhere and know nothing of any UI. */
const uiPackages = [
  'react',
  'react-dom',
  'react/*',
  'ink',
  'ink-*',
  'next',
  'next/*',
  'd3',
  'd3-*',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.next/**',
      '**/node_modules/**',
      '**/coverage/**',
      'runs/**',
      'reports/**',
      // AssemblyScript (compiled to WebAssembly by tfjs-wasm-training:training-kernels), not TypeScript.
      'packages/tfjs-wasm-training/assembly/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Direction of dependencies: data <- run <- core <- front ends, and the sweep queue (BullMQ,
            // so that core never loads it) between core and the cli; and
            // tfjs-wasm-training <- core; front ends never import each other, the report reads run
            // files without core (so it never loads tfjs), and only core uses the WASM fast paths.
            { sourceTag: 'scope:data', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:run', onlyDependOnLibsWithTags: ['scope:data'] },
            { sourceTag: 'scope:tfjs-wasm-training', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'scope:core',
              onlyDependOnLibsWithTags: ['scope:data', 'scope:run', 'scope:tfjs-wasm-training'],
            },
            {
              sourceTag: 'scope:sweep-queue',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:run', 'scope:data'],
            },
            {
              sourceTag: 'scope:cli',
              onlyDependOnLibsWithTags: [
                'scope:sweep-queue',
                'scope:core',
                'scope:run',
                'scope:data',
              ],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:run', 'scope:data'],
            },
            {
              sourceTag: 'scope:report',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:run', 'scope:data'],
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: ['type:lib'],
              bannedExternalImports: uiPackages,
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Build scripts run in Node.
    files: ['packages/*/scripts/**/*.mjs'],
    languageOptions: {
      globals: { Buffer: 'readonly', URL: 'readonly', console: 'readonly', process: 'readonly' },
    },
  },
  {
    // The public entry of a library runs in the browser too: Node built-ins only behind `./node`.
    files: [
      'packages/data/src/**/*.ts',
      'packages/run/src/**/*.ts',
      'packages/core/src/**/*.ts',
      'packages/tfjs-wasm-training/src/**/*.ts',
      'packages/sweep-queue/src/**/*.ts',
    ],
    ignores: [
      '**/src/node.ts',
      '**/src/node/**',
      '**/src/testing.ts',
      '**/src/testing/**',
      '**/*.test.ts',
      '**/*.bench.ts',
      '**/bench/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'Node-only code belongs under src/node/ (exported from src/node.ts).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
