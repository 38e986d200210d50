/**
 * `npm run bench:runs-scale`: the runs list at 100,000 runs (35 real metric rows each), through the
 * Lab's store, measured in one invocation on this machine:
 *  - seeding a database of the version before migration 0006, then the migration's time and the
 *    database's size before and after;
 *  - the first page of `listRunPage` (time and bytes as JSON), every sort the table offers and
 *    filters on config fields, final metrics, text and status;
 *  - the reference: the whole list in one call, as the runs page loaded it before paging.
 *
 *   node bin/run-ts.cjs bench/runs-scale.ts [--runs 100000] [--keep path.sqlite]
 */
import { mkdtempSync, rmSync, statSync, copyFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { RunQuery } from '../src/shared/api'
import { CONFIG_KEYS } from '../src/shared/run-config-fields'
import { RUN_METRICS, RUN_OWN_FIELDS } from '../src/shared/run-fields'
import { openDatabase } from '../src/main/lab/store/database'
import { MIGRATIONS } from '../src/main/lab/store/migrations'
import { WorkbenchStore } from '../src/main/lab/store/workbench-store'
import { seedRuns } from '../test/helpers/seed-runs'
import { loadLine, medianMs } from './lib/timing'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, keep: { type: 'string' } } })
const RUNS = Number(values.runs)
const dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-runs-scale-'))
const file = path.join(dir, 'workbench.sqlite')
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const sizeOf = (f: string) => statSync(f).size + (statSync(`${f}-wal`, { throwIfNoEntry: false })?.size ?? 0)

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const before = MIGRATIONS.findIndex((m) => m.name === '0006-run-summaries')
  const old = openDatabase(file, { targetVersion: before })
  let started = performance.now()
  seedRuns(old, { runs: RUNS, epochs: 35 })
  old.pragma('wal_checkpoint(TRUNCATE)')
  old.close()
  console.log(`seeded ${RUNS.toLocaleString('en')} runs × 35 epochs at schema ${before} in ${((performance.now() - started) / 1000).toFixed(1)} s; database ${mb(sizeOf(file))}`)

  started = performance.now()
  const store = WorkbenchStore.open(file)
  const migrationSeconds = (performance.now() - started) / 1000
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  console.log(`migration 0006 (summary columns, config keys, indexes) in ${migrationSeconds.toFixed(1)} s; database ${mb(sizeOf(file))}`)
  if (values.keep) copyFileSync(file, values.keep)

  async function measure(label: string, query: RunQuery): Promise<number> {
    let bytes = 0
    const ms = await medianMs(5, () => {
      bytes = JSON.stringify(store.listing.page(query)).length
    })
    console.log(`  ${label.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms  ${kb(bytes).padStart(9)}`)
    return ms
  }

  const referenceMs = await medianMs(1, () => store.listing.list())
  const referenceBytes = JSON.stringify(store.listing.list()).length
  console.log(`reference: the whole list in one call (what the runs page loaded before): ${referenceMs.toFixed(0)} ms, ${mb(referenceBytes)}`)

  console.log('first page (100 rows, default order):')
  const first = await measure('newest first', {})
  console.log('every sortable field, both directions (first page):')
  let worst = 0
  for (const field of [...RUN_OWN_FIELDS.map((f) => f.key), ...RUN_METRICS.map((m) => m.key), ...CONFIG_KEYS]) {
    for (const descending of [false, true]) worst = Math.max(worst, await measure(`sort ${descending ? '-' : ''}${field}`, { sort: { field, descending } }))
  }
  console.log('filters (first page), alone and with a sort:')
  const filters: [string, RunQuery][] = [
    ['bestValLoss < 0.2', { where: [{ field: 'bestValLoss', op: '<', value: '0.2' }] }],
    ['valLoss > 0.35 by -bestValLoss', { where: [{ field: 'valLoss', op: '>', value: '0.35' }], sort: { field: 'bestValLoss', descending: true } }],
    ['latentDim >= 8 by hiddenUnits', { where: [{ field: 'latentDim', op: '>=', value: '8' }], sort: { field: 'hiddenUnits', descending: false } }],
    ['cell = lstm, klWeight = 0.1 by bestValLoss', { where: [{ field: 'cell', op: '=', value: 'lstm' }, { field: 'klWeight', op: '=', value: '0.1' }], sort: { field: 'bestValLoss', descending: false } }],
    ['rare: hiddenUnits = 50, latentDim = 3', { where: [{ field: 'hiddenUnits', op: '=', value: '50' }, { field: 'latentDim', op: '=', value: '3' }] }],
    ['text "lstm z3"', { text: 'lstm z3' }],
    ['status failed by valLoss', { status: ['failed'], sort: { field: 'valLoss', descending: false } }],
    ['tag sweep by name', { tag: 'sweep', sort: { field: 'name', descending: false } }],
  ]
  for (const [label, query] of filters) worst = Math.max(worst, await measure(label, query))
  const pageAfter = store.listing.page({ sort: { field: 'latentDim', descending: false } }).next!
  worst = Math.max(worst, await measure('a later page (after a cursor), by latentDim', { sort: { field: 'latentDim', descending: false }, after: pageAfter }))
  const groupsMs = await medianMs(3, () => store.listing.groups({ sort: { field: 'bestValLoss', descending: false } }))
  console.log(`group by config (${store.listing.groups().total.toLocaleString('en')} groups, first 100 by mean best val_loss): ${groupsMs.toFixed(0)} ms`)

  console.log(`goals: first page ${first.toFixed(1)} ms (≤ 100) and ${kb(JSON.stringify(store.listing.page({})).length)} (≤ 200 KB); slowest sort or filter ${worst.toFixed(1)} ms (≤ 300)`)
  console.log(loadLine('at end'))
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

void main()
