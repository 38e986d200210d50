import { createRequire } from 'node:module'
import type * as LayersExport from './tfjs/export-layers-model'
import type * as TfjsEngine from './tfjs/tfjs-engine'

/**
 * tfjs's modules build on `@tensorflow/tfjs`, which takes about 0.8 s to load: a process that only
 * lists runs, or trains with the fused engine, should not pay for it. So these modules are loaded
 * on first use. `import()` is what electron-vite bundles and vitest runs; tsx's CommonJS hook (the
 * CLI and the forked worker, run from source) compiles .ts files for `require` only, and a native
 * `import()` there cannot resolve them, so under that hook the module is required instead.
 */
const requireHere = createRequire(__filename)
const compilesTsOnRequire = '.ts' in requireHere.extensions

function load<T>(specifier: string, viaImport: () => Promise<T>): Promise<T> {
  return compilesTsOnRequire ? Promise.resolve(requireHere(specifier) as T) : viaImport()
}

export const loadTfjsEngine = (): Promise<typeof TfjsEngine> => load('./tfjs/tfjs-engine', () => import('./tfjs/tfjs-engine'))

export const loadLayersExport = (): Promise<typeof LayersExport> => load('./tfjs/export-layers-model', () => import('./tfjs/export-layers-model'))
