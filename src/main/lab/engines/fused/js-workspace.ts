/** Steps, features, hidden units, latent size, gate columns (gates × hidden) and encoder directions. */
export interface JsDims {
  T: number
  F: number
  H: number
  D: number
  G: number
  directions: number
}

/** Activations and gradients for up to `capacity` rows (see Workspace in native/src/model_buffers.h). */
export function createWorkspace({ T, F, H, D, G, directions }: JsDims, capacity: number) {
  const R = capacity
  const f = (size: number) => new Float32Array(size)
  // Per encoder direction: its time-major input, input projections, states and activations.
  const enc = Array.from({ length: directions }, () => ({
    xs: f(T * R * F),
    xg: f(T * R * G),
    h: f((T + 1) * R * H),
    c: f((T + 1) * R * H),
    act: f(T * R * G),
    q: f(T * R * H),
  }))
  return {
    capacity,
    enc,
    /** The chunk time-major, in reading order: the forward direction's input and the targets. */
    xs: enc[0].xs,
    rg: f(R * G),
    mu: f(R * D),
    logVar: f(R * D),
    z: f(R * D),
    decXG: f(R * G),
    decH: f((T + 1) * R * H),
    decC: f((T + 1) * R * H),
    decAct: f(T * R * G),
    decQ: f(T * R * H),
    logits: f(T * R * F),
    dLogits: f(T * R * F),
    dDecH: f(T * R * H),
    dh: f(R * H),
    dc: f(R * H),
    dRG: f(T * R * G),
    dXG: f(T * R * G),
    dDecIn: f(R * G),
    dz: f(R * D),
    dMu: f(R * D),
    dLogVar: f(R * D),
  }
}
export type Workspace = ReturnType<typeof createWorkspace>
