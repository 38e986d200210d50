import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunQuery, RunSummary } from '../../../../src/shared/api'
import { runField, type RunSort } from '../../../../src/shared/run-fields'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { seedRuns } from '../../../helpers/seed-runs'
import { useTempDirs } from '../../../helpers/temp-dir'
import { userError } from '../../../helpers/user-error'

const epoch = (n: number, valLoss: number) => ({ epoch: n, loss: valLoss + 0.01, recon: valLoss, kl: 2, valLoss, valRecon: valLoss, valKl: 2, seconds: 1, klWeight: 0.01 })

/** Whether b may follow a in a sort: values in order (ties by id the same way), runs without a value last, by id. */
function inOrder(a: RunSummary, b: RunSummary, sort: RunSort): boolean {
  const field = runField(sort.field)!
  const norm = (v: number | string | undefined) => (typeof v === 'string' && sort.field === 'name' ? v.toLowerCase() : v)
  const [va, vb] = [norm(field.get(a)), norm(field.get(b))]
  const sign = sort.descending ? -1 : 1
  if (va === undefined && vb !== undefined) return false
  if (va !== undefined && vb === undefined) return true
  if (va !== undefined && vb !== undefined && va !== vb) return (va < vb ? -1 : 1) * sign < 0
  return (a.id - b.id) * sign < 0
}

function pageAll(store: WorkbenchStore, query: RunQuery, between: (page: number) => void = () => {}): RunSummary[] {
  const seen: RunSummary[] = []
  let after: string | undefined
  for (let page = 0; page < 1000; page++) {
    const result = store.listing.page({ ...query, after })
    seen.push(...result.runs)
    if (result.next === null) return seen
    after = result.next
    between(page)
  }
  throw new Error('paging did not end')
}

describe('the runs list, a page at a time', () => {
  const tempDir = useTempDirs()

  it('returns every run exactly once in the requested order, for any sort, across inserts and deletes between pages', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    seedRuns(store.db, { runs: 230, epochs: 4 })
    const sorts: RunSort[] = [
      { field: 'id', descending: true },
      { field: 'bestValLoss', descending: false },
      { field: 'valLoss', descending: true },
      { field: 'latentDim', descending: false },
      { field: 'cell', descending: true },
      { field: 'name', descending: false },
      { field: 'trainLimit', descending: false }, // no run has one: all in the "without a value" part
    ]
    let added = 1000
    for (const sort of sorts) {
      const before = new Set(store.listing.list().map((run) => run.id))
      const deleted = new Set<number>()
      const seen = pageAll(store, { sort, limit: 17 }, (page) => {
        // Between pages: a new run (with and without metrics) and a deleted one, anywhere in the order.
        const run = store.runs.create({ ...DEFAULT_RUN_CONFIG, latentDim: (page % 5) + 1 }, `added ${added++}`)
        if (page % 2 === 0) store.metrics.insertEpoch(run.id, epoch(1, 0.1 + page / 100))
        const victim = [...before].find((id, i) => i % 13 === page % 13 && !deleted.has(id))
        if (victim !== undefined) {
          store.runs.delete(victim)
          deleted.add(victim)
        }
      })
      const ids = seen.map((run) => run.id)
      expect(new Set(ids).size, `${sort.field}: no run twice`).toBe(ids.length)
      const survivors = [...before].filter((id) => !deleted.has(id))
      expect(survivors.filter((id) => !ids.includes(id)), `${sort.field}: every run that stayed`).toEqual([])
      for (let i = 1; i < seen.length; i++) expect(inOrder(seen[i - 1], seen[i], sort), `${sort.field} at ${i}: ${JSON.stringify([seen[i - 1].id, runField(sort.field)!.get(seen[i - 1]), seen[i].id, runField(sort.field)!.get(seen[i])])}`).toBe(true)
    }
    store.close()
  })

  it('filters in SQL by status, text, tag, config fields and final metrics, and counts per status', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    seedRuns(store.db, { runs: 200, epochs: 3 })
    const all = store.listing.list()
    const check = (query: RunQuery, expected: (run: RunSummary) => boolean) => {
      const seen = pageAll(store, { ...query, limit: 50 })
      expect(seen.map((r) => r.id).sort((a, b) => a - b)).toEqual(all.filter(expected).map((r) => r.id).sort((a, b) => a - b))
      expect(store.listing.page({ ...query, limit: 1 }).total).toBe(seen.length)
    }
    check({ where: [{ field: 'latentDim', op: '>=', value: '12' }] }, (r) => r.config.latentDim >= 12)
    check({ where: [{ field: 'bestValLoss', op: '<', value: '0.3' }] }, (r) => r.best !== null && r.best.valLoss < 0.3)
    check({ where: [{ field: 'cell', op: '=', value: 'LSTM' }, { field: 'valLoss', op: '>', value: '0.2' }] }, (r) => r.config.cell === 'lstm' && (r.last?.valLoss ?? -1) > 0.2)
    check({ where: [{ field: 'bidirectional', op: '=', value: 'false' }] }, () => true)
    check({ where: [{ field: 'trainLimit', op: '!=', value: '5' }] }, () => false) // no run has a value: a condition on it fails
    check({ status: ['cancelled', 'failed'] }, (r) => r.status === 'cancelled' || r.status === 'failed')
    check({ tag: 'sweep' }, (r) => r.tags.includes('sweep'))
    check({ text: 'BATCH-0' }, (r) => r.tags.includes('batch-0'))
    check({ text: '#17' }, (r) => r.id === 17)
    check({ text: 'lstm z3' }, (r) => r.name.includes('lstm z3'))
    const counts = store.listing.page().counts
    const expected = { queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0, crashed: 0 }
    for (const run of all) expected[run.status]++
    expect(counts).toEqual(expected)
    expect(counts.cancelled).toBeGreaterThan(0)
    expect(await userError(Promise.resolve().then(() => store.listing.page({ where: [{ field: 'latentDim', op: '>', value: 'three' }] })))).toBe('latentDim compares with numbers, and "three" is not one')
    expect(await userError(Promise.resolve().then(() => store.listing.page({ where: [{ field: 'cell', op: '<', value: 'gru' }] })))).toBe('cell is text: compare it with = or !=, not <')
    expect(await userError(Promise.resolve().then(() => store.listing.page({ after: 'garbage' })))).toBe('after must be the next of a previous page of runs')
    store.close()
  })

  it('keeps each run\'s last and best epoch as columns while epochs are recorded and dropped', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const run = store.runs.create(DEFAULT_RUN_CONFIG, 'r')
    expect(store.runs.get(run.id)).toMatchObject({ last: null, best: null })
    store.recordEpoch(run.id, epoch(1, 0.5), null)
    store.recordEpoch(run.id, epoch(2, 0.3), null)
    store.recordEpoch(run.id, epoch(3, 0.4), null)
    expect(store.runs.get(run.id)).toMatchObject({ last: epoch(3, 0.4), best: { valLoss: 0.3, epoch: 2 }, epochsDone: 3 })
    store.metrics.truncateAfter(run.id, 1)
    expect(store.runs.get(run.id)).toMatchObject({ last: epoch(1, 0.5), best: { valLoss: 0.5, epoch: 1 }, epochsDone: 1 })
    store.close()
  })

  it('groups replicates (configs that differ only in seed) with the mean and sd of their final metrics', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const ids = [1, 2, 3].map((seed) => store.runs.create({ ...DEFAULT_RUN_CONFIG, seed }, `seed ${seed}`).id)
    const other = store.runs.create({ ...DEFAULT_RUN_CONFIG, latentDim: 8 }, 'other').id
    ;[0.2, 0.3, 0.4].forEach((v, i) => store.recordEpoch(ids[i], epoch(1, v), null))
    expect(store.runs.get(ids[0]).configKey).toBe(store.runs.get(ids[2]).configKey)
    expect(store.runs.get(other).configKey).not.toBe(store.runs.get(ids[0]).configKey)
    const { groups, total } = store.listing.groups({ sort: { field: 'bestValLoss', descending: false } })
    expect(total).toBe(2)
    expect(groups[0]).toMatchObject({ count: 3, latestRunId: ids[2], config: { seed: 3 } })
    expect(groups[0].metrics.bestValLoss!.mean).toBeCloseTo(0.3)
    expect(groups[0].metrics.bestValLoss!.sd).toBeCloseTo(0.1)
    expect(groups[1]).toMatchObject({ count: 1, latestRunId: other, metrics: { bestValLoss: null } })
    expect(store.listing.groups({ where: [{ field: 'latentDim', op: '=', value: '8' }] }).groups.map((g) => g.count)).toEqual([1])
    expect(store.listing.page({ configKey: groups[0].key }).runs.map((r) => r.id)).toEqual([...ids].reverse())
    store.close()
  })
})
