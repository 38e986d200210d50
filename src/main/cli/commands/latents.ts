import { writeFile } from 'node:fs/promises'
import type { LatentCloud } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import { dataDirOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'

/** `index,label,z_mean_0..,z_log_var_0..,recon_bce,recon_mse`, one row per encoded sample. */
export function latentsCsv(cloud: LatentCloud): string {
  const d = cloud.dim
  const header = [
    'index',
    'label',
    ...Array.from({ length: d }, (_, i) => `z_mean_${i}`),
    ...Array.from({ length: d }, (_, i) => `z_log_var_${i}`),
    'recon_bce',
    'recon_mse',
  ]
  const lines = [header.join(',')]
  for (let i = 0; i < cloud.count; i++) {
    const row: (number | string)[] = [cloud.indices[i], cloud.labels[i]]
    for (let k = 0; k < d; k++) row.push(cloud.zMean[i * d + k])
    for (let k = 0; k < d; k++) row.push(cloud.zLogVar[i * d + k])
    row.push(cloud.reconBce[i], cloud.reconMse[i])
    lines.push(row.join(','))
  }
  return lines.join('\n') + '\n'
}

export async function latentsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('latents', args, { ...dataDirOption, out: { type: 'string' } }, 1)
  const id = parseRunId('latents', positionals[0])
  if (!values.out) throw new UserError('seqvae latents: --out FILE.csv is required')
  const out = values.out
  return withLab(values['data-dir'], async (lab) => {
    const cloud = await lab.getLatents(id)
    try {
      await writeFile(out, latentsCsv(cloud))
    } catch (e) {
      throw new UserError(`seqvae latents: cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
    }
    console.log(`wrote ${cloud.count} encoded samples of run ${id} to ${out}`)
    return 0
  })
}
