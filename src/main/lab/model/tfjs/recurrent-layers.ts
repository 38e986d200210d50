import * as tf from '@tensorflow/tfjs'

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>
type Shape = (number | null)[]

/** tfjs passes one shape or a list of them; these layers take a single input. */
const firstShape = (shape: Shape | Shape[]): Shape => (Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape))

export interface RecurrentLayerArgs extends LayerArgs {
  units: number
  /** Output every step's hidden state [batch, steps, units] instead of only the last [batch, units]. */
  returnSequences?: boolean
}

/**
 * A recurrent layer with Keras's weight names and layouts (`kernel`, `recurrent_kernel`, `bias`),
 * written on plain tfjs ops because tfjs-layers' own GRU has no reset_after variant and defaults
 * to hard sigmoid. The input projection x·W for every step is computed up front (one matmul per
 * gate); only h·U runs inside the step loop. Weights start at zero: the engines always load the
 * seeded canonical weights from initial-weights.ts, so random initialisers here would be wasted work.
 *
 * Everything is sliced so that each piece is contiguous in memory: time-major steps and one
 * tensor per gate. tfjs's cpu backend copies strided slices element by element, which made
 * splitting [batch, steps, gates·units] per step the slowest part of a training step by far.
 */
abstract class RecurrentLayer extends tf.layers.Layer {
  readonly units: number
  readonly returnSequences: boolean
  protected kernel!: tf.LayerVariable
  protected recurrentKernel!: tf.LayerVariable
  protected bias!: tf.LayerVariable

  constructor(args: RecurrentLayerArgs) {
    super(args)
    this.units = args.units
    this.returnSequences = args.returnSequences ?? false
  }

  /** Gate blocks in the kernels' columns (GRU 3, LSTM 4). */
  protected abstract readonly gates: number
  protected abstract biasShape(): number[]
  /** Per gate, the bias that can be added to the input projection ([units] each). */
  protected abstract inputBiases(): tf.Tensor1D[]
  /**
   * Runs the recurrence from a zero state. `stepInputs[t][g]` is gate g's input projection at
   * step t, bias included, [batch, units]. Returns the hidden state after each step.
   */
  protected abstract recur(stepInputs: tf.Tensor2D[][], batch: number): tf.Tensor2D[]

  override build(inputShape: Shape | Shape[]): void {
    const shape = firstShape(inputShape)
    const features = shape[shape.length - 1]
    if (features == null) throw new Error(`${this.name} needs a known feature size`)
    const width = this.gates * this.units
    const zeros = tf.initializers.zeros()
    this.kernel = this.addWeight('kernel', [features, width], 'float32', zeros)
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], 'float32', zeros)
    this.bias = this.addWeight('bias', this.biasShape(), 'float32', zeros)
    this.built = true
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = firstShape(inputShape)
    return this.returnSequences ? [shape[0], shape[1], this.units] : [shape[0], this.units]
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D
      const [batch, steps, features] = x.shape
      const timeMajor = tf.transpose(x, [1, 0, 2]).reshape([steps * batch, features])
      const biases = this.inputBiases()
      const perGate = this.gateBlocks(this.kernel).map((w, g) =>
        tf.unstack(tf.add(tf.matMul(timeMajor, w), biases[g]).reshape([steps, batch, this.units])) as tf.Tensor2D[],
      )
      const states = this.recur(
        perGate[0].map((_, t) => perGate.map((gate) => gate[t])),
        batch,
      )
      return this.returnSequences ? tf.transpose(tf.stack(states), [1, 0, 2]) : states[states.length - 1]
    })
  }

  /** A kernel's columns cut into one [rows, units] matrix per gate. */
  protected gateBlocks(weights: tf.LayerVariable): tf.Tensor2D[] {
    return tf.split(weights.read() as tf.Tensor2D, this.gates, 1)
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, returnSequences: this.returnSequences }
  }
}

/**
 * Keras `GRU(reset_after=True, recurrent_activation='sigmoid')`, the CuDNN formulation:
 * [xz xr xh] = x·W + b_in, [rz rr rh] = h·U + b_rec, z = σ(xz + rz), r = σ(xr + rr),
 * ĥ = tanh(xh + r ⊙ rh), h' = z ⊙ h + (1 − z) ⊙ ĥ. `bias` is [2, 3u]: input row, recurrent row.
 */
export class ResetAfterGRU extends RecurrentLayer {
  static readonly className = 'ResetAfterGRU'
  protected readonly gates = 3

  protected biasShape(): number[] {
    return [2, this.gates * this.units]
  }

  /** Input and recurrent bias rows, each cut per gate. */
  private biasBlocks(): [tf.Tensor1D[], tf.Tensor1D[]] {
    const [input, recurrent] = tf.unstack(this.bias.read()) as tf.Tensor1D[]
    return [tf.split(input, this.gates), tf.split(recurrent, this.gates)]
  }

  protected inputBiases(): tf.Tensor1D[] {
    // z and r see b_in + b_rec as one sum; only the candidate keeps b_rec inside r ⊙ (h·U + b_rec).
    const [[inZ, inR, inH], [recZ, recR]] = this.biasBlocks()
    return [tf.add(inZ, recZ), tf.add(inR, recR), inH]
  }

  protected recur(stepInputs: tf.Tensor2D[][], batch: number): tf.Tensor2D[] {
    const [uz, ur, uh] = this.gateBlocks(this.recurrentKernel)
    const recH = this.biasBlocks()[1][2]
    let h: tf.Tensor2D = tf.zeros([batch, this.units])
    const states: tf.Tensor2D[] = []
    for (const [xz, xr, xh] of stepInputs) {
      const z = tf.sigmoid(tf.add(xz, tf.matMul(h, uz)))
      const r = tf.sigmoid(tf.add(xr, tf.matMul(h, ur)))
      const candidate = tf.tanh(tf.add(xh, tf.mul(r, tf.add(tf.matMul(h, uh), recH))))
      // z ⊙ h + (1 − z) ⊙ ĥ, written as ĥ + z ⊙ (h − ĥ) to save two ops per step.
      h = tf.add(candidate, tf.mul(z, tf.sub(h, candidate)))
      states.push(h)
    }
    return states
  }
}

/**
 * Keras `LSTM` (sigmoid recurrent activation, gates i, f, c, o; `bias` [4u]):
 * [i f c̃ o] = x·W + h·U + b, c' = σ(f) ⊙ c + σ(i) ⊙ tanh(c̃), h' = σ(o) ⊙ tanh(c').
 */
export class KerasLSTM extends RecurrentLayer {
  static readonly className = 'KerasLSTM'
  protected readonly gates = 4

  protected biasShape(): number[] {
    return [this.gates * this.units]
  }

  protected inputBiases(): tf.Tensor1D[] {
    return tf.split(this.bias.read() as tf.Tensor1D, this.gates)
  }

  protected recur(stepInputs: tf.Tensor2D[][], batch: number): tf.Tensor2D[] {
    const [ui, uf, uc, uo] = this.gateBlocks(this.recurrentKernel)
    let h: tf.Tensor2D = tf.zeros([batch, this.units])
    let c: tf.Tensor2D = tf.zeros([batch, this.units])
    const states: tf.Tensor2D[] = []
    for (const [xi, xf, xc, xo] of stepInputs) {
      const i = tf.sigmoid(tf.add(xi, tf.matMul(h, ui)))
      const f = tf.sigmoid(tf.add(xf, tf.matMul(h, uf)))
      const o = tf.sigmoid(tf.add(xo, tf.matMul(h, uo)))
      c = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(tf.add(xc, tf.matMul(h, uc)))))
      h = tf.mul(o, tf.tanh(c))
      states.push(h)
    }
    return states
  }
}

tf.serialization.registerClass(ResetAfterGRU)
tf.serialization.registerClass(KerasLSTM)
