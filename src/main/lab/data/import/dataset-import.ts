import path from 'node:path'
import { UserError } from '../../../../shared/errors'
import type { DatasetRecord, DatasetRepository, NewDataset } from '../../store/dataset-repository'
import { SeededRandom } from '../../common/seeded-random'
import type { ImportInput } from './import-file'
import { NORMALISATION_KINDS, type NormalisationKind } from '../../../../shared/datasets'
import { fitNormalisation, normalise } from './normalisation'
import { readSequenceFile, type ReadOptions, type SequenceFile } from './sequence-file'

export interface ImportOptions extends ReadOptions {
  /** Default: the file name without its extension, lower-cased, other characters turned into `-`. */
  name?: string
  /** Default `min-max`, the [0, 1] range the BCE decoder needs. */
  normalisation?: NormalisationKind
}

/** Share of an imported dataset held out as its test set (evaluation after training). */
export const TEST_FRACTION = 0.2
const PREVIEW_SERIES = 8
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i
/** Fixes which series are held out; the chosen indices are stored, so this only matters at import. */
const HOLD_OUT_SEED = 0x7e57

export function defaultDatasetName(fileName: string): string {
  const stem = path.basename(fileName, path.extname(fileName)).toLowerCase()
  return (
    stem
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 64) || 'imported'
  )
}

/**
 * Imports a file as a named dataset: reads and checks every row, resamples to one length, fits and
 * applies the normalisation, holds out a test set, and stores it all in one transaction. Any
 * problem is a UserError and leaves the database as it was.
 */
export async function importDataset(
  repo: DatasetRepository,
  input: ImportInput,
  options: ImportOptions,
  /** Names taken by built-in datasets. */
  reservedNames: readonly string[],
): Promise<DatasetRecord> {
  const name = options.name ?? defaultDatasetName('path' in input ? input.path : input.name)
  if (!NAME_PATTERN.test(name)) {
    throw new UserError(`dataset name "${name}" must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit`)
  }
  if (reservedNames.includes(name)) throw new UserError(`"${name}" is a built-in dataset; choose another name`, 'conflict')
  if (repo.find(name)) throw new UserError(`a dataset named "${name}" already exists; choose another name`, 'conflict')
  const kind = options.normalisation ?? 'min-max'
  if (!NORMALISATION_KINDS.includes(kind)) throw new UserError(`normalisation must be one of: ${NORMALISATION_KINDS.join(', ')}`)

  const file = await readSequenceFile(input, options)
  const { set } = file
  if (set.count < 2) throw new UserError(`${file.fileName} holds only 1 series; a dataset needs at least 2 (some are held out for testing)`)
  if (file.recording) return repo.insert(recordingDataset(name, file, kind))
  const normalisation = fitNormalisation(kind, set.data, set.features)
  const data = normalise(set.data, normalisation)
  const previewCount = Math.min(PREVIEW_SERIES, set.count)
  return repo.insert({
    name,
    title: file.fileName,
    format: file.format,
    count: set.count,
    steps: set.steps,
    features: set.features,
    featureNames: file.featureNames,
    classNames: file.classNames,
    normalisation,
    source: {
      file: file.fileName,
      sha256: file.sha256,
      bytes: file.bytes,
      rows: file.rows,
      labelsFile: file.labelsFile?.fileName ?? null,
      labelsSha256: file.labelsFile?.sha256 ?? null,
    },
    data,
    labels: set.labels,
    lengths: file.lengths,
    testIndices: holdOutIndices(set.count),
    previewCount,
    preview: data.slice(0, previewCount * set.steps * set.features),
  })
}

/**
 * A dataset cut from a recording: the recording's values are stored (normalised over the whole
 * recording, as separate series are over all of them), with its times and labels; the windows are
 * cut when the dataset is loaded. The evaluation windows are the last part of the recording.
 */
function recordingDataset(name: string, file: SequenceFile, kind: NormalisationKind): NewDataset {
  const { recording, layout } = file.recording!
  const { set } = file
  const normalisation = fitNormalisation(kind, recording.values, set.features)
  const previewCount = Math.min(PREVIEW_SERIES, layout.poolWindows)
  return {
    name,
    title: file.fileName,
    format: 'series',
    count: set.count,
    steps: set.steps,
    features: set.features,
    featureNames: file.featureNames,
    classNames: file.classNames,
    normalisation,
    source: { file: file.fileName, sha256: file.sha256, bytes: file.bytes, rows: file.rows, labelsFile: null, labelsSha256: null },
    data: normalise(recording.values, normalisation),
    labels: set.labels,
    lengths: file.lengths,
    testIndices: Int32Array.from({ length: layout.testWindows }, (_, i) => layout.poolWindows + i),
    previewCount,
    preview: normalise(set.data.subarray(0, previewCount * set.steps * set.features), normalisation),
    recording: { timeFormat: recording.timeFormat, times: recording.times, labels: recording.labels, layout, read: recording.read },
  }
}

/** A seeded choice of round(20 %) of the series (at least 1), ascending. */
export function holdOutIndices(count: number): Int32Array {
  const testCount = Math.max(1, Math.round(count * TEST_FRACTION))
  const order = new SeededRandom(HOLD_OUT_SEED).shuffle(Int32Array.from({ length: count }, (_, i) => i))
  return order.slice(0, testCount).sort()
}
