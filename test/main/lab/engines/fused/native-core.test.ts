import { describe, expect, it } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { fusedOffsets } from '../../../../../src/main/lab/engines/fused/flat-params'
import { nativeAddonStatus, offsetTable } from '../../../../../src/main/lab/engines/fused/native-core'

const spec: ModelSpec = { cell: 'lstm', steps: 5, features: 3, hiddenUnits: 4, latentDim: 2, likelihood: 'bernoulli', bidirectional: false }
const status = nativeAddonStatus()

/** The addon itself, loaded again here so a test can hand it tables native-core.ts would never build. */
function addon() {
  if (!status.available) throw new Error('the native addon is not available')
  const mod = { exports: {} as { create(...args: unknown[]): object; dispose(h: object): void } }
  process.dlopen(mod, status.path)
  return mod.exports
}

const create = (table: Float64Array) => {
  const native = addon()
  native.dispose(native.create(1, spec.steps, spec.features, spec.hiddenUnits, spec.latentDim, 1, 0, 0, table))
}

describe.runIf(status.available)('the native addon takes its weight layout from TypeScript', () => {
  it('builds a model from the offset table of weight-layout.ts, the backward encoder marked absent', () => {
    const table = offsetTable(fusedOffsets(spec))
    expect(Array.from(table.subarray(3, 6))).toEqual([-1, -1, -1])
    expect(table.at(-1)).toBe(fusedOffsets(spec).total)
    expect(() => create(table)).not.toThrow()
  })

  it('refuses a table that does not fit the model, before any kernel reads through it', () => {
    const good = offsetTable(fusedOffsets(spec))
    const changed = (index: number, value: number) => Float64Array.from(good, (v, i) => (i === index ? value : v))
    const misfits: Float64Array[] = [
      changed(15, good[15] + 1), // a total the tensors do not add up to
      changed(3, 0), // a backward encoder for a one-way model
      changed(14, good[15]), // the output bias past the end
      changed(0, 0.5), // not a whole offset
    ]
    for (const table of misfits) expect(() => create(table)).toThrow('the weight offset table does not fit the model')
    expect(() => create(good.subarray(0, 15))).toThrow('typed array too short')
  })
})
