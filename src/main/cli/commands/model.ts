import { RunConfigSchema } from '../../../shared/run-config'
import { describeValidationError, UserError } from '../../../shared/errors'
import { Lab } from '../../lab/lab'
import { jsonOption, parseCommandArgs } from '../cli-args'
import { runConfigFromFlags } from '../run-config-flags'
import { textTable } from '../run-format'

/** The architecture a config builds, layer by layer, with parameter counts (no training, no data). */
export async function modelCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('model', args, {
    ...jsonOption,
    'latent-dim': { type: 'string' },
    hidden: { type: 'string' },
    cell: { type: 'string' },
    steps: { type: 'string' },
    features: { type: 'string' },
  })
  const parsed = RunConfigSchema.safeParse({ ...runConfigFromFlags(values) })
  if (!parsed.success) throw new UserError(describeValidationError(parsed.error))
  const steps = Number(values.steps ?? 28)
  const features = Number(values.features ?? 28)
  for (const [name, v] of [['steps', steps], ['features', features]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 100_000) throw new UserError(`${name} must be an integer between 1 and 100000`)
  }
  const summary = Lab.describeModel(parsed.data, steps, features)
  const { spec, params } = summary
  if (values.json) {
    console.log(JSON.stringify(summary))
    return 0
  }
  const cellName = spec.cell.toUpperCase()
  console.log(`sequence VAE: ${cellName}(${spec.hiddenUnits}) encoder → z (${spec.latentDim}-D) → ${cellName}(${spec.hiddenUnits}) decoder, ${steps} steps × ${features} features`)
  console.log(textTable(['layer', 'weights', 'params'], summary.layers.map((l) => [l.name, l.weights.map((w) => `[${w.shape.join('×')}]`).join(' '), String(l.params)])))
  console.log(`total trainable parameters: ${params.toLocaleString('en-US')}`)
  return 0
}
