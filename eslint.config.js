import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Building DOM from strings or running strings as code is never allowed in our code. */
const noMarkupFromStrings = [
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Render text, never markup: no innerHTML/outerHTML assignment.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'Render text, never markup: no insertAdjacentHTML.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
    message: 'No document.write.',
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Render text, never markup: no dangerouslySetInnerHTML.',
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: 'Render text, never markup: no dangerouslySetInnerHTML.',
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'generated/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...noMarkupFromStrings],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // lib/ runs in the browser's pages and extension contexts: no Node globals there.
    files: ['lib/**', 'components/**', 'entrypoints/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'lib/ runs in browsers: there is no process.' },
        { name: 'require', message: 'lib/ is ES modules: import instead.' },
        { name: '__dirname', message: 'lib/ runs in browsers.' },
      ],
    },
  },
  {
    files: ['entrypoints/**', 'components/**'],
    languageOptions: {
      globals: { defineBackground: 'readonly', defineContentScript: 'readonly' },
    },
  },
);
