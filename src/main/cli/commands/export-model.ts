import { UserError } from '../../../shared/errors'
import { dataDirOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'

export const exportModelUsage = `seqvae export-model <id> --out DIR [--data-dir DIR]
  writes DIR/encoder/{model.json,weights.bin} (x → [z_mean, z_log_var]) and
  DIR/decoder/{model.json,weights.bin} (z → sigmoid probabilities), TensorFlow.js Layers format;
  load with tf.loadLayersModel after registering the custom recurrent layers`

export async function exportModelCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('export-model', args, { ...dataDirOption, out: { type: 'string' } }, 1)
  const id = parseRunId('export-model', positionals[0])
  if (!values.out) throw new UserError('seqvae export-model: --out DIR is required')
  const out = values.out
  return withLab(values['data-dir'], async (lab) => {
    await lab.exportModel(id, out)
    console.log(`wrote the encoder and decoder of run ${id} to ${out}/encoder and ${out}/decoder`)
    return 0
  })
}
