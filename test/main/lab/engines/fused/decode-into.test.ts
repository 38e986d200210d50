import { describe, expect, it } from 'vitest'
import { initialWeights } from '../../../../../src/main/lab/model/initial-weights'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { createFusedInference, fusedEngineAvailable, type FusedImplementation } from '../../../../../src/main/lab/engines/fused/fused-engine'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

const spec: ModelSpec = { cell: 'gru', steps: 12, features: 10, hiddenUnits: 20, latentDim: 3, likelihood: 'bernoulli', bidirectional: false }
const IMPLEMENTATIONS: FusedImplementation[] = fusedEngineAvailable() ? ['native', 'js'] : ['js']

describe.each(IMPLEMENTATIONS)('decoding into a caller’s buffer (%s)', (implementation) => {
  it('gives the values a fresh decode gives, in the buffer’s first n·steps·features values, and refuses one too short', async () => {
    const engine = await createFusedInference({ spec, weights: initialWeights(spec, 3), implementation })
    try {
      const z = new SeededRandom(1).fillNormal(new Float32Array(50 * spec.latentDim))
      const fresh = await engine.decode(z, 50)
      const buffer = new Float32Array(80 * spec.steps * spec.features).fill(7)
      const into = await engine.decode(z, 50, buffer)
      expect(into.buffer).toBe(buffer.buffer)
      expect(into).toEqual(fresh)
      expect(buffer[50 * spec.steps * spec.features]).toBe(7)
      await expect(engine.decode(z, 50, new Float32Array(10))).rejects.toThrow(/out must hold 6000 values/)
    } finally {
      engine.dispose()
    }
  })
})
