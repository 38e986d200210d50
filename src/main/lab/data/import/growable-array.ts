type TypedArray = Float64Array | Float32Array | Uint8Array

/** A typed array that grows as values are pushed (doubling), for columns of unknown length. */
export class Growable<T extends TypedArray> {
  private data: T
  length = 0

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024)
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  /** The values pushed, as an array of exactly that length (a view: push no more afterwards). */
  values(): T {
    return this.data.subarray(0, this.length) as T
  }
}
