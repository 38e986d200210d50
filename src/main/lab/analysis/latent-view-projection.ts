import type { LatentProjection } from '../../../shared/run-views'
import { principalComponents, projectOntoComponents, selectColumns } from './latent-projection'
import { priorShellRadii, SHELL_QUANTILES } from './prior-geometry'

/** Above this many latent dimensions the latent views show a PCA to 3-D. */
export const MAX_RAW_PROJECTION_DIMS = 3

/** What a latent view draws of its codes: the axes, the coordinates and the prior's shells there. */
export type ProjectedLatents = Pick<LatentProjection, 'method' | 'dims' | 'axes' | 'sourceDims' | 'coords' | 'pca' | 'shells'>

export interface ProjectionChoice {
  /** Latent dimensions to show as they are; absent: all up to 3, a PCA above. */
  dims?: readonly number[]
  /** The codes a PCA is fitted on (default: the codes themselves), e.g. another run's, or the last epoch's. */
  basis?: { data: ArrayLike<number>; count: number }
  /** Where the prior's mean lies in the codes' axes (default the origin; elsewhere for codes mapped into another run's axes). */
  origin?: ArrayLike<number>
}

/**
 * Row-major [count, dim] codes in at most three dimensions, and N(0, I)'s 50/90/99 % spheres there:
 * a subset of orthonormal axes (chosen dimensions, or principal components) maps the prior to a
 * unit normal in fewer dimensions, centred where its mean lands.
 */
export function projectLatents(codes: ArrayLike<number>, count: number, dim: number, choice: ProjectionChoice = {}): ProjectedLatents {
  const origin = choice.origin ?? new Float64Array(dim)
  const shells = (k: number, center: number[]) => ({ quantiles: [...SHELL_QUANTILES], radii: priorShellRadii(k), degreesOfFreedom: k, center })
  if (choice.dims || dim <= MAX_RAW_PROJECTION_DIMS) {
    const sourceDims = choice.dims ? [...choice.dims] : Array.from({ length: dim }, (_, d) => d)
    return {
      method: 'raw',
      dims: sourceDims.length,
      axes: sourceDims.map((d) => `z${d + 1}`),
      sourceDims,
      coords: selectColumns(codes, count, dim, sourceDims),
      pca: null,
      shells: shells(sourceDims.length, sourceDims.map((d) => origin[d])),
    }
  }
  const basis = choice.basis ?? { data: codes, count }
  const pca = principalComponents(basis.data, basis.count, dim, MAX_RAW_PROJECTION_DIMS)
  const k = pca.components.length
  return {
    method: 'pca',
    dims: k,
    axes: pca.components.map((_, c) => `PC${c + 1}`),
    sourceDims: [],
    coords: projectOntoComponents(codes, count, dim, pca),
    pca,
    shells: shells(
      k,
      pca.components.map((c) => c.reduce((s, v, j) => s + v * (origin[j] - pca.mean[j]), 0)),
    ),
  }
}
