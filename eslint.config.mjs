// Lint rules, including the layering described in docs/ARCHITECTURE.md: src/shared stays free of Node, Electron
// and the DOM; the Lab never touches Electron; the renderer sees only src/shared and itself.
import { builtinModules } from 'node:module'
import path from 'node:path'
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { importBoundaries } from './lint/import-boundaries.mjs'

const nodeBuiltins = [...builtinModules.filter((name) => !name.startsWith('_')), 'node:*']
const noNode = { group: nodeBuiltins, message: 'Node modules are not available here.' }
const noElectron = { group: ['electron', 'electron/*'], message: 'Only the Electron shell (src/main/index.ts, src/main/desktop, src/main/ipc, src/preload) may use Electron.' }

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

/**
 * The renderer's layers (src/renderer/src), lowest first: each folder may import only from the
 * folders listed for it (and src/shared). The app shell at the top (main.ts, App.vue, router.ts)
 * may import anything. `features/` holds one folder per screen; see featureImportProblem below.
 */
const RENDERER_ROOT = path.join(import.meta.dirname, 'src/renderer/src')
const RENDERER_LAYERS = {
  api: ['api'],
  lib: ['lib'],
  styles: ['styles'],
  ui: ['ui', 'lib', 'styles'],
  entities: ['entities', 'lib'],
  features: ['features', 'entities', 'ui', 'lib', 'api', 'styles'],
}
/** The only imports from one feature into another, each with its reason. Keep this list short. */
const CROSS_FEATURE_IMPORTS = [
  // Compare selected runs: the runs page builds the compare page's address with that page's own codec.
  { from: 'features/runs', to: 'features/compare/compare-view-state' },
]

const withoutExtension = (file) => file.replace(/\.(ts|vue)$/, '')
const isWithin = (dir, ancestor) => dir === ancestor || dir.startsWith(`${ancestor}/`)

/**
 * Inside features/, a folder imports its own files, its parent folders' (what they share with their
 * subfolders, e.g. features/run/ for the run page's tabs) and its subfolders' (the page shows its
 * parts), never a sibling's or a cousin's: features/runs never reaches into features/compare, the
 * latent tab never into the overview tab.
 */
function featureImportProblem(fromFile, toFile) {
  const fromDir = path.posix.dirname(fromFile)
  const toDir = path.posix.dirname(toFile)
  if (isWithin(fromDir, toDir) || isWithin(toDir, fromDir)) return false
  return !CROSS_FEATURE_IMPORTS.some((allowed) => isWithin(fromDir, allowed.from) && withoutExtension(toFile) === allowed.to)
}

const rendererLayers = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      layer: "{{layer}}/ may not import from {{target}} ('{{source}}'): it imports only from {{allowed}}. Move what both need down a layer.",
      feature:
        "'{{source}}' reaches from {{from}}/ into {{to}}/: a feature folder imports only its own, its parents' and its subfolders' files. Move what both need down to entities/, ui/ or lib/, or list the import in CROSS_FEATURE_IMPORTS with its reason.",
    },
  },
  create(context) {
    const fromFile = path.relative(RENDERER_ROOT, context.filename).split(path.sep).join('/')
    const layer = fromFile.split('/')[0]
    if (fromFile.startsWith('..') || !fromFile.includes('/') || !(layer in RENDERER_LAYERS)) return {}
    function check(node) {
      const source = node.source?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const toFile = path.relative(RENDERER_ROOT, path.resolve(path.dirname(context.filename), source)).split(path.sep).join('/')
      if (toFile.startsWith('..')) return
      const target = toFile.includes('/') ? toFile.split('/')[0] : null
      const allowed = RENDERER_LAYERS[layer]
      if (!allowed.includes(target)) {
        const data = { layer, target: target ? `${target}/` : 'the app shell', source, allowed: allowed.map((l) => `${l}/`).join(', ') }
        context.report({ node, messageId: 'layer', data })
      } else if (target === 'features' && featureImportProblem(fromFile, toFile)) {
        context.report({ node, messageId: 'feature', data: { source, from: path.posix.dirname(fromFile), to: path.posix.dirname(toFile) } })
      }
    }
    return { ImportDeclaration: check, ImportExpression: check, ExportNamedDeclaration: check, ExportAllDeclaration: check }
  },
}

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
    // The Electron shell reaches the Lab through the same public surface as the other shells.
    files: ['src/main/index.ts', 'src/main/desktop/**', 'src/main/ipc/**'],
    plugins: { seqvae: importBoundaries },
    rules: {
      'seqvae/public-surface': [
        'error',
        { root: 'src/main/lab', public: LAB_SURFACE, reason: 'Shells go through the Lab: give it a method or re-export what the shell needs from lab.ts.' },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { renderer: { rules: { layers: rendererLayers } } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noNode, noElectron, layerImport(['main', 'preload'], 'The renderer talks to the Lab only through the WorkbenchApi (src/shared).')] },
      ],
      'renderer/layers': 'error',
    },
  },
)
