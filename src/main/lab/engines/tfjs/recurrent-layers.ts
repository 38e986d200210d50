import * as tf from '@tensorflow/tfjs'
import type { CellType } from '../../../../shared/run-config'

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>
type Shape = (number | null)[]

/** tfjs passes one shape or a list of them; these layers take a single input. */
const firstShape = (shape: Shape | Shape[]): Shape => (Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape))

export interface RecurrentLayerArgs extends LayerArgs {
  units: number
  /** Output every step's hidden state [batch, steps, units] instead of only the last [batch, units]. */
  returnSequences?: boolean
}

/** A recurrent layer's three Keras weights, read as tensors. */
interface CellWeights {
  kernel: tf.Tensor2D
  recurrentKernel: tf.Tensor2D
  bias: tf.Tensor
}

/**
 * The equations of one recurrent cell on plain tfjs ops, shared by the one-way layers and the
 * bidirectional encoder layer. Every tensor is cut so each piece is contiguous in memory: tfjs's
 * cpu backend copies strided slices element by element, which made splitting
 * [batch, steps, gates·units] per step the slowest part of a training step by far.
 */
abstract class CellMath {
  /** Gate blocks in the kernels' columns (GRU 3, LSTM 4). */
  abstract readonly gates: number
  abstract biasShape(units: number): number[]
  /** Per gate, the bias that can be added to the input projection ([units] each). */
  protected abstract inputBiases(bias: tf.Tensor): tf.Tensor1D[]
  /**
   * Runs the recurrence from a zero state. `stepInputs[t][g]` is gate g's input projection at
   * step t, bias included, [batch, units]. Returns the hidden state after each step.
   */
  protected abstract recur(stepInputs: tf.Tensor2D[][], batch: number, w: CellWeights): tf.Tensor2D[]

  /**
   * The hidden state after each step of x [batch, steps, features]. The input projection x·W of
   * every step is computed up front (one matmul per gate, time-major); only h·U runs in the loop.
   */
  run(x: tf.Tensor3D, w: CellWeights): tf.Tensor2D[] {
    const [batch, steps, features] = x.shape
    const units = w.recurrentKernel.shape[0]
    const timeMajor = tf.transpose(x, [1, 0, 2]).reshape([steps * batch, features])
    const biases = this.inputBiases(w.bias)
    const perGate = this.gateBlocks(w.kernel).map((kernel, g) =>
      tf.unstack(tf.add(tf.matMul(timeMajor, kernel), biases[g]).reshape([steps, batch, units])) as tf.Tensor2D[],
    )
    return this.recur(
      perGate[0].map((_, t) => perGate.map((gate) => gate[t])),
      batch,
      w,
    )
  }

  /** A kernel's columns cut into one [rows, units] matrix per gate. */
  protected gateBlocks(kernel: tf.Tensor2D): tf.Tensor2D[] {
    return tf.split(kernel, this.gates, 1)
  }
}

/**
 * Keras `GRU(reset_after=True, recurrent_activation='sigmoid')`, the CuDNN formulation:
 * [xz xr xh] = x·W + b_in, [rz rr rh] = h·U + b_rec, z = σ(xz + rz), r = σ(xr + rr),
 * ĥ = tanh(xh + r ⊙ rh), h' = z ⊙ h + (1 − z) ⊙ ĥ. `bias` is [2, 3u]: input row, recurrent row.
 */
class GruMath extends CellMath {
  readonly gates = 3

  biasShape(units: number): number[] {
    return [2, this.gates * units]
  }

  /** Input and recurrent bias rows, each cut per gate. */
  private biasBlocks(bias: tf.Tensor): [tf.Tensor1D[], tf.Tensor1D[]] {
    const [input, recurrent] = tf.unstack(bias) as tf.Tensor1D[]
    return [tf.split(input, this.gates), tf.split(recurrent, this.gates)]
  }

  protected inputBiases(bias: tf.Tensor): tf.Tensor1D[] {
    // z and r see b_in + b_rec as one sum; only the candidate keeps b_rec inside r ⊙ (h·U + b_rec).
    const [[inZ, inR, inH], [recZ, recR]] = this.biasBlocks(bias)
    return [tf.add(inZ, recZ), tf.add(inR, recR), inH]
  }

  protected recur(stepInputs: tf.Tensor2D[][], batch: number, w: CellWeights): tf.Tensor2D[] {
    const [uz, ur, uh] = this.gateBlocks(w.recurrentKernel)
    const recH = this.biasBlocks(w.bias)[1][2]
    let h: tf.Tensor2D = tf.zeros([batch, w.recurrentKernel.shape[0]])
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
class LstmMath extends CellMath {
  readonly gates = 4

  biasShape(units: number): number[] {
    return [this.gates * units]
  }

  protected inputBiases(bias: tf.Tensor): tf.Tensor1D[] {
    return tf.split(bias as tf.Tensor1D, this.gates)
  }

  protected recur(stepInputs: tf.Tensor2D[][], batch: number, w: CellWeights): tf.Tensor2D[] {
    const [ui, uf, uc, uo] = this.gateBlocks(w.recurrentKernel)
    const units = w.recurrentKernel.shape[0]
    let h: tf.Tensor2D = tf.zeros([batch, units])
    let c: tf.Tensor2D = tf.zeros([batch, units])
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

const CELL_MATH: Record<CellType, CellMath> = { gru: new GruMath(), lstm: new LstmMath() }

/** One recurrent layer's Keras weights as a layer holds them. */
interface CellVariables {
  kernel: tf.LayerVariable
  recurrentKernel: tf.LayerVariable
  bias: tf.LayerVariable
}

const readCell = (v: CellVariables): CellWeights => ({
  kernel: v.kernel.read() as tf.Tensor2D,
  recurrentKernel: v.recurrentKernel.read() as tf.Tensor2D,
  bias: v.bias.read(),
})

/**
 * A layer holding one or more recurrent layers' weights. They start at zero: the engines always
 * load the seeded canonical weights from initial-weights.ts, so random initialisers here would be
 * wasted work.
 */
abstract class CellWeightsLayer extends tf.layers.Layer {
  /** Adds `kernel`, `recurrent_kernel` and `bias` for `cell`, each name after `prefix` (e.g. `forward/`). */
  protected addCellWeights(prefix: string, cell: CellType, inputShape: Shape | Shape[], units: number): CellVariables {
    const shape = firstShape(inputShape)
    const features = shape[shape.length - 1]
    if (features == null) throw new Error(`${this.name} needs a known feature size`)
    const math = CELL_MATH[cell]
    const width = math.gates * units
    const add = (name: string, weightShape: number[]) => this.addWeight(`${prefix}${name}`, weightShape, 'float32', tf.initializers.zeros())
    return {
      kernel: add('kernel', [features, width]),
      recurrentKernel: add('recurrent_kernel', [units, width]),
      bias: add('bias', math.biasShape(units)),
    }
  }
}

/**
 * A recurrent layer with Keras's weight names and layouts (`kernel`, `recurrent_kernel`, `bias`),
 * written on plain tfjs ops because tfjs-layers' own GRU has no reset_after variant and defaults
 * to hard sigmoid.
 */
abstract class RecurrentLayer extends CellWeightsLayer {
  readonly units: number
  readonly returnSequences: boolean
  protected abstract readonly cell: CellType
  private weightsOf!: CellVariables

  constructor(args: RecurrentLayerArgs) {
    super(args)
    this.units = args.units
    this.returnSequences = args.returnSequences ?? false
  }

  override build(inputShape: Shape | Shape[]): void {
    this.weightsOf = this.addCellWeights('', this.cell, inputShape, this.units)
    this.built = true
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = firstShape(inputShape)
    return this.returnSequences ? [shape[0], shape[1], this.units] : [shape[0], this.units]
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D
      const states = CELL_MATH[this.cell].run(x, readCell(this.weightsOf))
      return this.returnSequences ? tf.transpose(tf.stack(states), [1, 0, 2]) : states[states.length - 1]
    })
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, returnSequences: this.returnSequences }
  }
}

/** Keras `GRU(reset_after=True)` (see GruMath). */
export class ResetAfterGRU extends RecurrentLayer {
  static readonly className = 'ResetAfterGRU'
  protected readonly cell = 'gru'
}

/** Keras `LSTM` (see LstmMath). */
export class KerasLSTM extends RecurrentLayer {
  static readonly className = 'KerasLSTM'
  protected readonly cell = 'lstm'
}

export interface BidirectionalRecurrentArgs extends LayerArgs {
  units: number
  cell: CellType
}

/**
 * Keras `Bidirectional(GRU(u) | LSTM(u), merge_mode='concat')` returning final states: a forward
 * layer over x and a backward layer over x reversed in time, each with its own weights
 * (`forward/kernel`, …, `backward/bias`); the output is [h_T^forward, h_T^backward], [batch, 2u].
 */
export class BidirectionalRecurrent extends CellWeightsLayer {
  static readonly className = 'BidirectionalRecurrent'
  readonly units: number
  readonly cell: CellType
  private directions!: [CellVariables, CellVariables]

  constructor(args: BidirectionalRecurrentArgs) {
    super(args)
    this.units = args.units
    this.cell = args.cell
  }

  override build(inputShape: Shape | Shape[]): void {
    this.directions = [this.addCellWeights('forward/', this.cell, inputShape, this.units), this.addCellWeights('backward/', this.cell, inputShape, this.units)]
    this.built = true
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [firstShape(inputShape)[0], 2 * this.units]
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D
      const math = CELL_MATH[this.cell]
      const [forward, backward] = this.directions
      const last = (states: tf.Tensor2D[]) => states[states.length - 1]
      return tf.concat([last(math.run(x, readCell(forward))), last(math.run(tf.reverse(x, 1), readCell(backward)))], 1)
    })
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, cell: this.cell }
  }
}

tf.serialization.registerClass(ResetAfterGRU)
tf.serialization.registerClass(KerasLSTM)
tf.serialization.registerClass(BidirectionalRecurrent)
