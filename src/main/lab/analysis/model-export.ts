import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ModelArchive, RunId } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { DatasetCatalogue } from '../data/dataset-catalogue'
import { selectBackend } from '../engines/tfjs/backend-selection'
import { loadLayersExport } from '../engines/tfjs-modules'
import { modelSpecFor } from '../model/model-spec'
import type { WorkbenchStore } from '../store/workbench-store'
import { zipFolder } from './model-archive'

/**
 * Writes the run's final weights as TensorFlow.js Layers models: `dir/encoder/{model.json,weights.bin}`
 * and `dir/decoder/{model.json,weights.bin}`. Local shells only: it writes to this machine's disk.
 */
export async function exportRunModel(store: WorkbenchStore, catalogue: DatasetCatalogue, id: RunId, dir: string): Promise<void> {
  const run = store.runs.get(id)
  const weights = store.artifacts.finalWeights(id)
  if (!weights) throw new UserError(`run ${id} has no final weights to export (it is ${run.status})`, 'not-found')
  const info = catalogue.find(run.config.dataset).info()
  // tfjs is loaded here, not when the Lab opens (see tfjs-modules.ts).
  const { exportLayersModels } = await loadLayersExport()
  try {
    await selectBackend('auto')
    await exportLayersModels(dir, modelSpecFor(run.config, info.steps, info.features), weights)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code) throw new UserError(`cannot write the model to ${dir} (${code})`)
    throw e
  }
}

/** The exported model as a zip (what exportRunModel writes, under `seqvae-run-<id>-model/`), for a browser to download. */
export async function runModelArchive(store: WorkbenchStore, catalogue: DatasetCatalogue, id: RunId): Promise<ModelArchive> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-export-'))
  try {
    await exportRunModel(store, catalogue, id, dir)
    const root = `seqvae-run-${id}-model`
    return { name: `${root}.zip`, bytes: zipFolder(dir, root) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
