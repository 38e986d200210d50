import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { z } from 'zod'
import { describeValidationError, UserError } from '../../../../shared/errors'
import { IMPORT_FORMATS, NORMALISATION_KINDS } from '../../../../shared/datasets'
import type { DatasetContents, DatasetRecord, DatasetRepository } from '../../store/dataset-repository'
import type { StoredRecording } from '../../store/recording-repository'
import type { DatasetSource } from '../dataset-source'
import { importedDatasetSource } from './imported-dataset-source'

/**
 * An imported dataset as one self-contained block of bytes, for a machine without the hub's
 * database: its description, its series and, for one cut from a recording, the recording's times,
 * labels and layout; structured-clone encoded (typed arrays bit-exact).
 * The queue publishes it under its SHA-256, so a worker fetches a dataset once and knows the copy
 * it caches is the one the hub sent.
 */
export interface DatasetPackage {
  record: DatasetRecord
  contents: DatasetContents
  recording: StoredRecording | null
}

const count = z.number().int().min(0)
const positive = z.number().int().min(1)
const PackageSchema = z.object({
  record: z.looseObject({
    name: z.string().min(1).max(64),
    title: z.string(),
    format: z.enum(IMPORT_FORMATS),
    count: positive,
    steps: positive,
    features: positive,
    featureNames: z.array(z.string()),
    classNames: z.array(z.string()).nullable(),
    minLength: count,
    maxLength: count,
    normalisation: z.object({ kind: z.enum(NORMALISATION_KINDS), offset: z.array(z.number()), scale: z.array(z.number()) }),
    testCount: count,
  }),
  contents: z.object({
    data: z.instanceof(Float32Array),
    labels: z.instanceof(Int32Array).nullable(),
    lengths: z.instanceof(Int32Array),
    testIndices: z.instanceof(Int32Array),
  }),
  // Checked by shape here; the windows cut from it are checked against the series below.
  recording: z
    .looseObject({
      times: z.instanceof(Float64Array),
      labels: z.instanceof(Uint8Array).nullable(),
      layout: z.looseObject({ window: positive, stride: positive }),
    })
    .nullish(),
})

export function encodeDatasetPackage(pkg: DatasetPackage): Buffer {
  return serialize(pkg)
}

/** The imported dataset `name` from the hub's database, packaged, with the SHA-256 of the bytes. */
export function packageImportedDataset(repo: DatasetRepository, name: string): { bytes: Buffer; sha256: string } {
  const bytes = encodeDatasetPackage({ record: repo.get(name), contents: repo.contents(name), recording: repo.recordings.find(name) })
  return { bytes, sha256: sha256Of(bytes) }
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Reads a package back, refusing with a sentence anything that is not a whole, consistent dataset. */
export function decodeDatasetPackage(bytes: Uint8Array): DatasetPackage {
  let value: unknown
  try {
    value = deserialize(bytes)
  } catch (e) {
    throw new UserError(`the dataset package is not readable (${(e as Error).message})`)
  }
  const parsed = PackageSchema.safeParse(value)
  if (!parsed.success) throw new UserError(`the dataset package is malformed: ${describeValidationError(parsed.error)}`)
  const pkg = { ...parsed.data, recording: parsed.data.recording ?? null } as unknown as DatasetPackage
  const { record, contents, recording } = pkg
  // A recording's series are its timestamps (windows are cut on loading); other datasets hold whole series.
  const values = recording ? recording.times.length * record.features : record.count * record.steps * record.features
  const inconsistency =
    contents.data.length !== values
      ? `it holds ${contents.data.length} values for ${record.count} series of ${record.steps} × ${record.features}`
      : contents.labels && contents.labels.length !== record.count
        ? `it holds ${contents.labels.length} labels for ${record.count} series`
        : contents.testIndices.some((i, k) => i < 0 || i >= record.count || (k > 0 && i <= contents.testIndices[k - 1]))
          ? 'its test indices are not ascending series numbers'
          : null
  if (inconsistency) throw new UserError(`the dataset package for "${record.name}" is inconsistent: ${inconsistency}`)
  return pkg
}

/** A packaged dataset on disk (a queue worker's cache) as a source a training process loads. */
export function packagedDatasetSource(file: string): DatasetSource {
  const { record, contents, recording } = decodeDatasetPackage(readFileSync(file))
  return importedDatasetSource(record, () => contents, () => recording)
}
