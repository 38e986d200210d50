import { databaseFile } from '../../src/main/lab/data-dir'
import { WorkbenchStore } from '../../src/main/lab/store/workbench-store'

/**
 * A second connection to a data directory's database, beside any Lab open on it (SQLite in WAL
 * mode takes both): tests seed and inspect rows the Lab keeps behind its API. Close it when done.
 */
export function openStore(dataDir: string): WorkbenchStore {
  return WorkbenchStore.open(databaseFile(dataDir))
}
