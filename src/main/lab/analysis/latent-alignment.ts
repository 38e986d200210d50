import type { LatentCloud, RunId } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { LatentAlignment } from '../../../shared/latent-timeline'
import type { StoredRun } from '../store/run-repository'
import type { WorkbenchStore } from '../store/workbench-store'
import { alignRows, fitProcrustes, type ProcrustesFit } from './procrustes'
import { storedLatents } from './stored-latents'

/** One run's codes expressed in another's axes, by a Procrustes fit on the test samples both encoded. */
export interface AlignedCodes {
  reference: { run: StoredRun; cloud: LatentCloud }
  fit: ProcrustesFit
  alignment: LatentAlignment
  /** All of the run's evaluation codes in the reference's axes, row-major [count, dim]. */
  codes: Float32Array
  /** The run's prior mean (its origin) in the reference's axes. */
  origin: Float32Array
}

/** Rows of both clouds for the test samples both encoded, in the first cloud's order. */
function matchedCodes(a: LatentCloud, b: LatentCloud): { a: Float32Array; b: Float32Array; count: number } {
  const positionInB = new Map<number, number>()
  b.indices.forEach((index, p) => positionInB.set(index, p))
  const pairs: [number, number][] = []
  a.indices.forEach((index, p) => {
    const q = positionInB.get(index)
    if (q !== undefined) pairs.push([p, q])
  })
  const { dim } = a
  const rowsA = new Float32Array(pairs.length * dim)
  const rowsB = new Float32Array(pairs.length * dim)
  pairs.forEach(([p, q], i) => {
    rowsA.set(a.zMean.subarray(p * dim, (p + 1) * dim), i * dim)
    rowsB.set(b.zMean.subarray(q * dim, (q + 1) * dim), i * dim)
  })
  return { a: rowsA, b: rowsB, count: pairs.length }
}

/** Fits run `runId`'s codes onto run `toRunId`'s; refuses, with a sentence, runs whose codes cannot be matched. */
export function alignedCodes(store: WorkbenchStore, runId: RunId, toRunId: RunId): AlignedCodes {
  const own = storedLatents(store, runId)
  const reference = storedLatents(store, toRunId)
  if (own.run.config.dataset !== reference.run.config.dataset) {
    throw new UserError(`run ${runId} (${own.run.config.dataset}) and run ${toRunId} (${reference.run.config.dataset}) encoded different datasets; only runs of one dataset can be aligned`)
  }
  const dim = own.cloud.dim
  if (reference.cloud.dim !== dim) {
    throw new UserError(`run ${runId} has ${dim} latent dimensions and run ${toRunId} has ${reference.cloud.dim}; only latent spaces of one size can be aligned`)
  }
  const matched = matchedCodes(own.cloud, reference.cloud)
  if (matched.count <= dim) {
    throw new UserError(`runs ${runId} and ${toRunId} share ${matched.count} encoded test samples; aligning ${dim} latent dimensions needs more than ${dim}`)
  }
  const fit = fitProcrustes(matched.a, matched.b, matched.count, dim)
  return {
    reference,
    fit,
    alignment: {
      toRunId,
      samples: matched.count,
      rotation: Array.from(fit.rotation),
      rmsBefore: fit.rmsBefore,
      rmsAfter: fit.rmsAfter,
      relativeResidual: fit.relativeResidual,
    },
    codes: alignRows(fit, own.cloud.zMean, own.cloud.count),
    origin: alignRows(fit, new Float32Array(dim), 1),
  }
}
