import type { DatasetInfo } from '../../../shared/api'
import type { DatasetRecord } from '../../lab/lab'
import { dataDirOption, jsonOption, parseCommandArgs } from '../cli-args'
import { withLab } from '../open-lab'
import { textTable } from '../run-format'

export const datasetsUsage = 'seqvae datasets [--data-dir DIR] [--json]'

/** Built-in and imported datasets, with provenance for the imported ones and each one's suggested settings. */
export async function datasetsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('datasets', args, { ...dataDirOption, ...jsonOption })
  return withLab(values['data-dir'], async (lab) => {
    const infos = await lab.listDatasets()
    const imported = new Map(lab.importedDatasets().map((r) => [r.name, r]))
    if (values.json) {
      console.log(JSON.stringify(infos.map((info) => ({ ...info, importedFrom: imported.get(info.name) ?? null }))))
      return 0
    }
    console.log(datasetsTable(infos, imported))
    return 0
  })
}

function datasetsTable(infos: DatasetInfo[], imported: Map<string, DatasetRecord>): string {
  return textTable(
    ['name', 'steps×features', 'train', 'test', 'classes', 'suggests', 'source'],
    infos.map((d) => {
      const record = imported.get(d.name)
      const source = record
        ? `${record.source.file} (${record.format}, ${record.normalisation.kind}, imported ${record.createdAt.slice(0, 10)})`
        : d.available
          ? 'built in'
          : `not installed: ${d.hint ?? 'its files are missing'}`
      const suggests = Object.entries(d.suggestedConfig).map(([field, value]) => `${field} ${String(value)}`).join(', ') || '-'
      return [d.name, `${d.steps}×${d.features}`, String(d.trainCount), String(d.testCount), d.classNames ? String(d.classNames.length) : '-', suggests, source]
    }),
  )
}
