/**
 * A small, fast, seedable PRNG (sfc32) whose whole state is four uint32s, so a run's randomness
 * (data order, ε noise) can be checkpointed and resumed exactly. Not for cryptography.
 */
export type RandomState = [number, number, number, number]

export class SeededRandom {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number | RandomState) {
    if (typeof seed === 'number') {
      // splitmix32 spreads a small integer seed over the 128-bit state.
      let s = seed >>> 0
      const next = () => {
        s = (s + 0x9e3779b9) >>> 0
        let z = s
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
        return (z ^ (z >>> 16)) >>> 0
      }
      this.a = next()
      this.b = next()
      this.c = next()
      this.d = next()
      for (let i = 0; i < 12; i++) this.nextUint32()
    } else {
      ;[this.a, this.b, this.c, this.d] = seed
    }
  }

  /** The whole state: a generator rebuilt from it continues the same stream exactly. */
  getState(): RandomState {
    return [this.a, this.b, this.c, this.d]
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /**
   * Standard normal (Box–Muller). The second value of each pair is thrown away on purpose: keeping
   * it would put hidden state outside `getState()` and break exact resumption.
   */
  normal(): number {
    let u = 0
    while (u === 0) u = this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  fillNormal(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal()
    return out
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = items[i]
      items[i] = items[j]
      items[j] = tmp
    }
    return items
  }
}
