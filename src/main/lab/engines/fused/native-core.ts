import { existsSync } from 'node:fs'
import path from 'node:path'
import { unpackedPath } from '../../common/app-files'
import type { ModelSpec } from '../../model/model-spec'
import { fusedOffsets, type FusedOffsets } from './flat-params'
import type { FusedCore } from './fused-core'

/** The compiled addon, built from native/ by native/build-addon.mjs (run on npm install). */
export const ADDON_RELATIVE_PATH = path.join('native', 'build', 'Release', 'seqvae_fused.node')
/** Overrides where the addon is loaded from (a packaged app keeps it outside the asar archive). */
const ADDON_PATH_ENV = 'SEQVAE_FUSED_ADDON'

type Handle = object

/** The functions native/src/addon.cc exports. */
interface NativeAddon {
  instructionSet(): string
  /** likelihood: 0 bernoulli, 1 gaussian; bidirectional: 0 or 1; offsets: see offsetTable. */
  create(
    cell: number,
    steps: number,
    features: number,
    hidden: number,
    latent: number,
    threads: number,
    likelihood: number,
    bidirectional: number,
    offsets: Float64Array,
  ): Handle
  dispose(h: Handle): void
  threads(h: Handle): number
  modelInstructionSet(h: Handle): string
  getParams(h: Handle, out: Float32Array): void
  setParams(h: Handle, values: Float32Array): void
  getAdam(h: Handle, m: Float32Array, v: Float32Array): number
  setAdam(h: Handle, step: number, m: Float32Array, v: Float32Array): void
  trainStep(h: Handle, x: Float32Array, eps: Float32Array, n: number, klWeight: number, lr: number, losses: Float64Array): void
  gradients(h: Handle, x: Float32Array, eps: Float32Array, n: number, klWeight: number, grad: Float32Array, losses: Float64Array): void
  evaluate(h: Handle, x: Float32Array, eps: Float32Array, n: number, klWeight: number, losses: Float64Array): void
  encode(h: Handle, x: Float32Array, n: number, zMean: Float32Array, zLogVar: Float32Array): void
  decode(h: Handle, z: Float32Array, n: number, means: Float32Array): void
}

export type NativeAddonStatus = { available: true; path: string; instructionSet: string } | { available: false; reason: string }

let loaded: { addon: NativeAddon | null; status: NativeAddonStatus } | undefined

/** The addon's path: the environment override, else native/build/… in this checkout or above it. */
function findAddon(): string | null {
  const override = process.env[ADDON_PATH_ENV]
  if (override) return override
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ADDON_RELATIVE_PATH)
    if (existsSync(candidate)) return unpackedPath(candidate)
    if (path.dirname(dir) === dir) return null
  }
}

function load(): { addon: NativeAddon | null; status: NativeAddonStatus } {
  if (loaded) return loaded
  const file = findAddon()
  if (!file) {
    loaded = { addon: null, status: { available: false, reason: `${ADDON_RELATIVE_PATH} was not built (run node native/build-addon.mjs)` } }
    return loaded
  }
  try {
    const mod = { exports: {} as NativeAddon }
    process.dlopen(mod, file)
    loaded = { addon: mod.exports, status: { available: true, path: file, instructionSet: mod.exports.instructionSet() } }
  } catch (e) {
    loaded = { addon: null, status: { available: false, reason: `cannot load ${file}: ${(e as Error).message}` } }
  }
  return loaded
}

/**
 * The offset table as native/src/fused_model.h's FusedLayout reads it, in this order: the forward
 * encoder's kernel, recurrent kernel and bias, the backward encoder's (−1 when one-way), z_mean's
 * kernel and bias, z_log_var's, the decoder's three, the output layer's two, and the total.
 */
export function offsetTable(o: FusedOffsets): Float64Array {
  const missing = { W: -1, U: -1, B: -1 }
  const recurrent = ({ W, U, B }: FusedOffsets['dec']) => [W, U, B]
  return Float64Array.from([
    ...recurrent(o.enc[0]),
    ...recurrent(o.enc[1] ?? missing),
    o.zmW,
    o.zmB,
    o.zvW,
    o.zvB,
    ...recurrent(o.dec),
    o.outW,
    o.outB,
    o.total,
  ])
}

/** Whether the compiled addon loads here, and why not when it does not. */
export function nativeAddonStatus(): NativeAddonStatus {
  return load().status
}

/** The fused math in C++ (SIMD kernels, one or two native threads); throws if the addon is unavailable. */
export class NativeCore implements FusedCore {
  readonly backend: string
  readonly paramCount: number
  private readonly addon: NativeAddon
  private readonly handle: Handle

  constructor(spec: ModelSpec, threads: number) {
    const { addon, status } = load()
    if (!addon || !status.available) throw new Error(`the native fused engine is unavailable: ${status.available ? '' : status.reason}`)
    this.addon = addon
    const offsets = fusedOffsets(spec)
    this.handle = addon.create(
      spec.cell === 'gru' ? 0 : 1,
      spec.steps,
      spec.features,
      spec.hiddenUnits,
      spec.latentDim,
      threads,
      spec.likelihood === 'gaussian' ? 1 : 0,
      spec.bidirectional ? 1 : 0,
      offsetTable(offsets),
    )
    this.paramCount = offsets.total
    this.backend = `native-${addon.modelInstructionSet(this.handle)}-${addon.threads(this.handle)}t`
  }

  getParams(out: Float32Array): void {
    this.addon.getParams(this.handle, out)
  }
  setParams(values: Float32Array): void {
    this.addon.setParams(this.handle, values)
  }
  getAdam(m: Float32Array, v: Float32Array): number {
    return this.addon.getAdam(this.handle, m, v)
  }
  setAdam(step: number, m: Float32Array, v: Float32Array): void {
    this.addon.setAdam(this.handle, step, m, v)
  }
  trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number, learningRate: number, losses: Float64Array): void {
    this.addon.trainStep(this.handle, x, eps, n, klWeight, learningRate, losses)
  }
  gradients(x: Float32Array, eps: Float32Array, n: number, klWeight: number, grad: Float32Array, losses: Float64Array): void {
    this.addon.gradients(this.handle, x, eps, n, klWeight, grad, losses)
  }
  evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number, losses: Float64Array): void {
    this.addon.evaluate(this.handle, x, eps, n, klWeight, losses)
  }
  encode(x: Float32Array, n: number, zMean: Float32Array, zLogVar: Float32Array): void {
    this.addon.encode(this.handle, x, n, zMean, zLogVar)
  }
  decode(z: Float32Array, n: number, means: Float32Array): void {
    this.addon.decode(this.handle, z, n, means)
  }
  dispose(): void {
    this.addon.dispose(this.handle)
  }
}
