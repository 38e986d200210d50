import { createRequire } from 'node:module'
import type * as Tfjs from '@tensorflow/tfjs'
import type { BackendChoice } from '../../../../shared/run-config'
import { isUserError, UserError } from '../../../../shared/errors'

/** The native TensorFlow packages are optional dependencies: either may be absent or fail to load. */
const NATIVE_PACKAGES = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const

/** Loads a package by a name known only at run time, so an absent optional package is an ordinary error. */
const loadPackage = createRequire(__filename)

/**
 * tfjs with the wasm backend registered, loaded on the first backend selection rather than with
 * this module: it takes about 0.8 s, which processes that never use tfjs should not pay. Under
 * Node the wasm backend's CommonJS entry finds the .wasm files next to itself (no setWasmPaths
 * needed); tfjs turns wasm threads off under Node, SIMD stays on.
 */
function loadTfjs(): typeof Tfjs {
  const tf = loadPackage('@tensorflow/tfjs') as typeof Tfjs
  loadPackage('@tensorflow/tfjs-backend-wasm')
  return tf
}

/**
 * Makes `choice` the process-wide tfjs backend and returns the name of what actually computes:
 * `tensorflow-gpu`, `tensorflow`, `wasm` or `cpu`. `auto` takes the first of those that starts.
 * An explicit choice that cannot start is a UserError saying why.
 */
export async function selectBackend(choice: BackendChoice): Promise<string> {
  // Before any native package, which registers its backend with the tfjs loaded here.
  const tf = loadTfjs()
  switch (choice) {
    case 'auto':
      return selectFirstAvailable(tf)
    case 'tensorflow-gpu':
      return startNative(tf, NATIVE_PACKAGES['tensorflow-gpu'], { requireGpu: true })
    case 'tensorflow':
      return startNative(tf, NATIVE_PACKAGES.tensorflow, { requireGpu: false })
    case 'wasm':
    case 'cpu':
      await start(tf, choice, choice)
      return choice
  }
}

async function selectFirstAvailable(tf: typeof Tfjs): Promise<string> {
  const attempts: (() => Promise<string>)[] = [
    // With the GPU package but no usable GPU, TensorFlow on the CPU is still the best on offer.
    () => startNative(tf, NATIVE_PACKAGES['tensorflow-gpu'], { requireGpu: false }),
    () => startNative(tf, NATIVE_PACKAGES.tensorflow, { requireGpu: false }),
    () => start(tf, 'wasm', 'wasm').then(() => 'wasm'),
    () => start(tf, 'cpu', 'cpu').then(() => 'cpu'),
  ]
  const reasons: string[] = []
  for (const attempt of attempts) {
    try {
      return await attempt()
    } catch (e) {
      if (!isUserError(e)) throw e
      reasons.push(e.message)
    }
  }
  throw new UserError(`no tfjs backend could be started (${reasons.join('; ')})`, 'unavailable')
}

async function startNative(tf: typeof Tfjs, packageName: string, { requireGpu }: { requireGpu: boolean }): Promise<string> {
  const choice = requireGpu ? 'tensorflow-gpu' : 'tensorflow'
  try {
    loadPackage(packageName)
  } catch (e) {
    const notInstalled = (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(`'${packageName}'`)
    throw unavailable(choice, notInstalled ? `${packageName} is not installed` : `${packageName} failed to load (${firstLine(e)})`)
  }
  // A package resolved against its own copy of tfjs would register its backend there, not here.
  if (!tf.findBackendFactory('tensorflow')) throw unavailable(choice, `${packageName} registered with a different copy of @tensorflow/tfjs`)
  await start(tf, choice, 'tensorflow')
  const usingGpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true
  if (requireGpu && !usingGpu) throw unavailable(choice, `${packageName} loaded but found no usable GPU (check the CUDA and cuDNN libraries)`)
  return usingGpu ? 'tensorflow-gpu' : 'tensorflow'
}

async function start(tf: typeof Tfjs, choice: BackendChoice, backendName: string): Promise<void> {
  let started: boolean
  try {
    started = await withoutNewProcessListeners(async () => {
      const ok = await tf.setBackend(backendName)
      await tf.ready()
      return ok
    })
  } catch (e) {
    throw unavailable(choice, firstLine(e))
  }
  if (!started) throw unavailable(choice, `tfjs could not initialise the ${backendName} backend`)
}

/**
 * The Emscripten glue of tfjs-backend-wasm adds `uncaughtException` and `unhandledRejection`
 * listeners that rethrow: a handler the process registers later then never runs (Node exits with
 * code 7 instead), and the crash prints the whole minified glue as its source line. Backends
 * have no business handling process-wide errors, so listeners added while one starts are removed.
 */
async function withoutNewProcessListeners<T>(run: () => Promise<T>): Promise<T> {
  const events = ['uncaughtException', 'unhandledRejection']
  const emitter: NodeJS.EventEmitter = process
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]))
  try {
    return await run()
  } finally {
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void)
      }
    }
  }
}

const unavailable = (choice: BackendChoice, reason: string) => new UserError(`backend ${choice} is not available: ${reason}`, 'unavailable')

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split('\n')[0]
