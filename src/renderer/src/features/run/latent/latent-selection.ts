/** What the latent view inspects: a test sample (clicked, or typed by index) or a latent point (typed or clicked in empty space). */
export type LatentSelection = { kind: 'sample'; index: number } | { kind: 'point'; z: number[] }
