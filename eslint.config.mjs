// ESLint (flat config): eslint's and typescript-eslint's recommended rules over the code we write
// (`npm run lint`, in .ci/run). Layout is Prettier's (`npm run format`), not ESLint's.
// Not type-aware: `tsc --noEmit` (npm run typecheck) checks the types, and the lint stays fast.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated, installed or built: never linted. Only the folders below are the code we write.
  globalIgnores(['modules/', 'examples/', 'cdktf.out/', 'dist/', 'coverage/', '.bench/', 'tools/', '*.js', '*.mjs']),
  {
    files: ['src/**/*.ts', '__tests__/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.cjs', 'bench/**/*.ts', 'main.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `_name` marks a value left out on purpose (`const { statements: _s, ...rest } = x`, an unused callback argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Optional peers (cdktf, the bindings), package.json and lazily loaded stages are require()d where they are needed, on purpose.
      '@typescript-eslint/no-require-imports': 'off',
      // The spec refuses control characters (INVISIBLE, names) with regexes that name them on purpose.
      'no-control-regex': 'off',
      // Expected messages are quoted as printed, with the four spaces before "fix:" of every error.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      // Tests probe untyped JSON (synthesized stacks, plans, schemas) and feed wrong shapes on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests feed ids past 2^53 on purpose, to see them refused.
      'no-loss-of-precision': 'off',
    },
  },
  {
    // The scripts are CommonJS run by Node: Node's globals (TypeScript checks the .ts files' names).
    files: ['scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
