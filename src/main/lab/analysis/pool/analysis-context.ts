import { DatasetCatalogue } from '../../data/dataset-catalogue'
import { openSqlite } from '../../store/sqlite-binding'
import { WorkbenchStore } from '../../store/workbench-store'
import type { RunId } from '../../../../shared/api'
import { AnomalyReportBuilder } from '../anomaly-report-builder'
import { EvaluationSetCache } from '../evaluation-set-cache'
import { RunDecoder } from '../run-decoder'
import { RunInspector } from '../run-inspector'

/**
 * What one analysis worker keeps between requests: its own read-only connection to the database
 * (WAL lets it read while the serving thread writes), the test sets it loaded, the decoders it
 * built and the anomaly scores it computed.
 */
export class AnalysisContext {
  readonly catalogue: DatasetCatalogue
  readonly evaluationSets: EvaluationSetCache
  readonly decoder: RunDecoder
  readonly inspector: RunInspector
  readonly anomalies: AnomalyReportBuilder

  constructor(readonly store: WorkbenchStore) {
    this.catalogue = new DatasetCatalogue(store.datasets, store.runs)
    this.evaluationSets = new EvaluationSetCache((name) => this.catalogue.find(name))
    this.decoder = new RunDecoder(store)
    this.inspector = new RunInspector(store, this.decoder, this.evaluationSets)
    this.anomalies = new AnomalyReportBuilder(store, this.evaluationSets)
  }

  /** Opens the database the serving thread created and migrated; this connection never writes. */
  static open(databaseFile: string): AnalysisContext {
    return new AnalysisContext(new WorkbenchStore(openSqlite(databaseFile, { readonly: true, fileMustExist: true })))
  }

  /** Drops what a deleted run left: its decoder and its scores. */
  forgetRun(runId: RunId): void {
    this.decoder.forget(runId)
    this.anomalies.forget(runId)
  }

  /** Drops a deleted dataset's test set, so one imported again under its name is read afresh. */
  forgetDataset(dataset: string): void {
    this.evaluationSets.forget(dataset)
  }

  close(): void {
    this.decoder.dispose()
    this.store.close()
  }
}
