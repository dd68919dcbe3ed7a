import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.runs/**', 'src/graphql/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@actions/core',
              message: 'Only src/action/, src/main.ts and adapters/github import @actions/core.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/action/**', 'src/main.ts', 'src/adapters/github/**', '__tests__/**', 'emulator/github/**'],
    rules: { 'no-restricted-imports': 'off' }
  }
)
