import type { DatasetInfo } from '../../../shared/api'
import { parseArguments } from '../../../shared/api-arguments'
import {
  ImportOptionsSchema,
  MAX_UPLOAD_BYTES,
  type DatasetDetail,
  type ImportFormat,
  type ImportOptionsInput,
  type NormalisationKind,
  type TableImportOptions,
  type UploadedFile,
} from '../../../shared/datasets'
import { describeValidationError, UserError } from '../../../shared/errors'
import type { ImportPreview } from '../../../shared/recordings'
import { previewImport } from './import/import-preview'
import type { DatasetRecord, DatasetRepository } from '../store/dataset-repository'
import type { RunRepository } from '../store/run-repository'
import { builtInSources, listDatasets, type BuiltInSource } from './dataset-registry'
import type { DatasetSource } from './dataset-source'
import { importDataset } from './import/dataset-import'
import { findKnownDataset, importedDatasetInfo, importedDatasetSources } from './import/imported-dataset-source'
import { denormalise } from './import/normalisation'
import { recordingSummary } from './recording-summary'
import type { StoredRecording } from '../store/recording-repository'

/** Series a dataset's page previews. */
const PREVIEW_SERIES = 8

type Preview = DatasetDetail['preview']

const builtInNames = () => builtInSources().map((s) => s.info().name)

/** `seqvae import`'s options: an upload's, with the labels file (npy) as a path on this machine. */
export interface FileImportOptions extends TableImportOptions {
  name?: string
  format?: ImportFormat
  labels?: string
  normalisation?: NormalisationKind
  steps?: number
}

/**
 * Every dataset a run can name, built in or imported: listing, one dataset in full (provenance,
 * normalisation, a preview in the file's own units), importing an uploaded file, and deleting an
 * imported dataset no run uses.
 */
export class DatasetCatalogue {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly runs: RunRepository,
  ) {}

  list(): DatasetInfo[] {
    return listDatasets(importedDatasetSources(this.datasets))
  }

  /** A dataset a run can train on, with the registry's sentence when there is none (or it is not installed). */
  find(name: string): DatasetSource {
    return findKnownDataset(this.datasets, name)
  }

  async detail(name: string): Promise<DatasetDetail> {
    const record = this.datasets.find(name)
    if (record) return this.importedDetail(record)
    const source = builtInSources().find((s) => s.info().name === name)
    // The registry's sentence lists the names there are.
    if (!source) throw this.missing(name)
    const info = source.info()
    return {
      ...info,
      featureNames: null,
      normalisation: null,
      source: null,
      minLength: info.steps,
      maxLength: info.steps,
      createdAt: null,
      recording: null,
      preview: info.available ? await builtInPreview(source) : emptyPreview(info),
    }
  }

  /**
   * Imports an uploaded file (and an npy file's labels); any problem is a UserError and stores
   * nothing. The arguments are checked by the contract's own schema (the one the shells apply), so
   * a direct caller gets the same sentences as a remote one.
   */
  async import(file: UploadedFile, options?: ImportOptionsInput, labels?: UploadedFile): Promise<DatasetDetail> {
    const [upload, parsed, labelsUpload] = parseArguments('importDataset', [file, options, labels])
    const record = await importDataset(this.datasets, upload, { ...parsed, labels: labelsUpload, maxBytes: MAX_UPLOAD_BYTES }, builtInNames())
    return this.importedDetail(record)
  }

  /** Imports a file on this machine's disk (the CLI), with no upload limit below the importer's own. */
  importFile(path: string, { labels, ...options }: FileImportOptions = {}): Promise<DatasetRecord> {
    return importDataset(this.datasets, { path }, { ...checkedOptions(options), labels: labels === undefined ? undefined : { path: labels } }, builtInNames())
  }

  /** What a file would import as (first rows, columns' roles, windows), storing nothing. */
  preview(file: UploadedFile, options?: ImportOptionsInput): Promise<ImportPreview> {
    const [upload, parsed] = parseArguments('previewImport', [file, options])
    return previewImport(upload, parsed ?? {})
  }

  /** The imported datasets with their provenance, by name. */
  imported(): DatasetRecord[] {
    return this.datasets.list()
  }

  /** Deletes an imported dataset; refused for built-ins and while any run (of any status) names it. */
  delete(name: string): void {
    if (builtInNames().includes(name)) throw new UserError(`"${name}" is a built-in dataset; only imported datasets can be deleted`, 'conflict')
    if (!this.datasets.find(name)) throw this.missing(name)
    const runs = this.runs.idsUsingDataset(name)
    if (runs.length > 0) {
      const which = runs.length === 1 ? `run ${runs[0]} uses` : `runs ${runs.join(', ')} use`
      throw new UserError(`dataset "${name}" cannot be deleted while ${which} it; delete ${runs.length === 1 ? 'that run' : 'those runs'} first`, 'conflict')
    }
    this.datasets.delete(name)
  }

  private missing(name: string): UserError {
    const names = this.list().map((d) => d.name)
    return new UserError(`unknown dataset "${name}"; available: ${names.join(', ')}`, 'not-found')
  }

  private importedDetail(record: DatasetRecord): DatasetDetail {
    const recording = this.datasets.recordings.find(record.name)
    if (recording) return this.recordingDetail(record, recording)
    const held = new Set(this.datasets.testIndices(record.name))
    const first: number[] = []
    for (let i = 0; i < record.count && first.length < PREVIEW_SERIES; i++) if (!held.has(i)) first.push(i)
    const series = this.datasets.seriesAt(record.name, first)
    return {
      ...importedDetailFacts(record),
      recording: null,
      preview: {
        count: first.length,
        steps: record.steps,
        features: record.features,
        data: denormalise(series.data, record.normalisation),
        labels: series.labels ?? new Int32Array(first.length).fill(-1),
      },
    }
  }

  /** A recording's page: its time axis and split, and its first pool windows in the file's units. */
  private recordingDetail(record: DatasetRecord, recording: StoredRecording): DatasetDetail {
    const { data, labels } = this.datasets.contents(record.name)
    const preview = this.datasets.preview(record.name)
    return {
      ...importedDetailFacts(record),
      recording: recordingSummary(recording, data, record.normalisation),
      preview: {
        count: preview.count,
        steps: record.steps,
        features: record.features,
        data: denormalise(preview.data, record.normalisation),
        labels: labels ? labels.slice(0, preview.count) : new Int32Array(preview.count).fill(-1),
      },
    }
  }
}

/** Options from the command line, checked by the contract's schema so they fail with its sentences. */
function checkedOptions({ steps, ...options }: Omit<FileImportOptions, 'labels'>): ImportOptionsInput {
  // `steps` keeps the importer's own check (and sentence), as before tables had options.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
  const parsed = ImportOptionsSchema.safeParse(given)
  if (!parsed.success) throw new UserError(describeValidationError(parsed.error))
  return { ...parsed.data, steps }
}

/** The first series of a built-in dataset's training pool, read without loading the rest. */
async function builtInPreview(source: BuiltInSource): Promise<Preview> {
  const first = await source.preview(PREVIEW_SERIES)
  return { count: first.count, steps: first.steps, features: first.features, data: first.data, labels: first.labels ?? new Int32Array(first.count).fill(-1) }
}

function emptyPreview(info: DatasetInfo): Preview {
  return { count: 0, steps: info.steps, features: info.features, data: new Float32Array(0), labels: new Int32Array(0) }
}

/** What a dataset's page shows of any imported dataset, series or recording. */
function importedDetailFacts(record: DatasetRecord) {
  return {
    ...importedDatasetInfo(record),
    featureNames: record.featureNames,
    normalisation: record.normalisation,
    source: record.source,
    minLength: record.minLength,
    maxLength: record.maxLength,
    createdAt: record.createdAt,
  }
}
