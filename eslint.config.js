// One lint config for the whole monorepo: TypeScript (type-aware) everywhere, Svelte for the dashboard.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const layering = (forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@region-score/*/*'],
          message: 'Import a package through its exports, not deep paths.',
        },
        ...forbidden.map((name) => ({
          group: [name],
          message: `This layer must not depend on ${name} (see STYLE.md dependency direction).`,
        })),
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', 'data', 'tests/artifacts', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['packages/contracts/src/**'],
    rules: layering([
      '@region-score/core',
      '@region-score/platform',
      '@region-score/config',
      '@region-score/api',
      '@region-score/worker',
      '@region-score/cli',
      'ioredis',
      'bullmq',
      'node:*',
    ]),
  },
  {
    files: ['packages/core/src/**'],
    rules: layering([
      '@region-score/platform',
      '@region-score/config',
      '@region-score/api',
      '@region-score/worker',
      '@region-score/cli',
      'ioredis',
      'bullmq',
      'node:*',
    ]),
  },
  {
    files: ['packages/platform/src/**', 'packages/config/src/**'],
    rules: layering(['@region-score/api', '@region-score/worker', '@region-score/cli']),
  },
  { files: ['apps/api/src/**'], rules: layering(['@region-score/worker', '@region-score/cli']) },
  { files: ['apps/worker/src/**'], rules: layering(['@region-score/api', '@region-score/cli']) },
  {
    files: ['apps/dashboard/src/**'],
    rules: layering([
      '@region-score/platform',
      '@region-score/config',
      '@region-score/api',
      '@region-score/worker',
      '@region-score/cli',
      'ioredis',
      'bullmq',
      'node:*',
    ]),
  },
);
