import type { LatentProjection } from '../../../../../shared/run-views'

/**
 * Where a full latent point lands in a projection's view: its chosen dimensions for `raw`, its
 * principal-component scores (z − mean)·Cᵀ for `pca`. Null when the point has the wrong length.
 */
export function projectPoint(z: readonly number[], projection: Pick<LatentProjection, 'method' | 'latentDim' | 'sourceDims' | 'pca'>): number[] | null {
  if (z.length !== projection.latentDim) return null
  if (projection.method === 'raw') return projection.sourceDims.map((d) => z[d])
  const pca = projection.pca
  if (!pca) return null
  return pca.components.map((c) => c.reduce((s, v, j) => s + v * (z[j] - pca.mean[j]), 0))
}

/**
 * The full latent point under a spot in the view, where it is one: only a raw view of every
 * dimension (a 1-D or 2-D run) determines all of z from what is on screen.
 */
export function latentPointAt(view: readonly number[], projection: Pick<LatentProjection, 'method' | 'latentDim' | 'sourceDims'>): number[] | null {
  if (projection.method !== 'raw' || projection.sourceDims.length !== projection.latentDim) return null
  const z = new Array<number>(projection.latentDim).fill(0)
  projection.sourceDims.forEach((d, i) => (z[d] = view[i]))
  return z
}
