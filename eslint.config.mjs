// Lint rules, including the layering of ARCHITECTURE.md: src/shared stays free of Node, Electron
// and the DOM; the Lab never touches Electron; the renderer sees only src/shared and itself.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { importBoundaries } from './lint/import-boundaries.mjs'

const nodeBuiltins = [...builtinModules.filter((name) => !name.startsWith('_')), 'node:*']
const noNode = { group: nodeBuiltins, message: 'Node modules are not available here.' }
const noElectron = { group: ['electron', 'electron/*'], message: 'Only the Electron shell (src/main/index.ts, src/main/ipc, src/preload) may use Electron.' }

/** Relative imports that climb into another layer, e.g. `../../main/lab/lab`. */
const layerImport = (layers, message) => ({ regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message })

/**
 * The Lab's folders, lowest layer first. A file imports from its own folder or one listed before it;
 * lab.ts and data-dir.ts, directly in src/main/lab, sit above them all. common: utilities (seeded
 * randomness); model: the model's shape, weight layout and checkpoint; engines: the inference and
 * training engines; store: SQLite; data: datasets and imports; analysis: what is computed from a
 * trained run; train: the training loop and its worker process; jobs: queueing runs into workers.
 */
const LAB_LAYERS = ['common', 'model', 'engines', 'store', 'data', 'analysis', 'train', 'jobs']
/** What the shells may import from the Lab: everything else is its inside. */
const LAB_SURFACE = ['lab.ts', 'data-dir.ts']

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'build/', 'node_modules/', 'test-results/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // TypeScript reports undefined names itself, with the right globals per tsconfig.
      'no-undef': 'off',
      // Templates are formatted by hand like the rest of the code.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': ['error', { html: { void: 'always', normal: 'never', component: 'always' } }],
    },
  },
  {
    // Coefficient tables of published approximations keep every digit as printed.
    files: ['src/main/lab/analysis/**'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vue', message: 'src/shared is framework-free.' }],
          patterns: [noNode, noElectron, layerImport(['main', 'preload', 'renderer'], 'src/shared imports only src/shared.')],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'HTMLElement'].map((name) => ({
          name,
          message: 'src/shared runs in Node, Electron and the browser: no DOM globals.',
        })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'src/shared runs in Node, Electron and the browser: no Node globals.',
        })),
      ],
    },
  },
  {
    files: ['src/main/lab/**'],
    plugins: { seqvae: importBoundaries },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron] }],
      'seqvae/layer-order': ['error', { root: 'src/main/lab', layers: LAB_LAYERS, top: 'lab.ts' }],
    },
  },
  {
    // The CLI and the browser-mode server are shells: they reach the Lab through its public surface.
    files: ['src/main/cli/**', 'src/main/server/**'],
    plugins: { seqvae: importBoundaries },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noElectron, layerImport(['preload', 'renderer'], 'A shell talks to the Lab, not to the renderer or preload code.')] },
      ],
      'seqvae/public-surface': [
        'error',
        {
          root: 'src/main/lab',
          public: LAB_SURFACE,
          reason: 'Shells go through the Lab: give it a method (beside the WorkbenchApi contract when only a local shell may call it).',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noNode, noElectron, layerImport(['main', 'preload'], 'The renderer talks to the Lab only through the WorkbenchApi (src/shared).')] },
      ],
    },
  },
)
