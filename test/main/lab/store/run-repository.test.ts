import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'

describe('runs table', () => {
  const tempDir = useTempDirs()

  it('filters by status, text (with LIKE wildcards taken literally) and tag', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const a = store.runs.create(DEFAULT_RUN_CONFIG, '100% latent')
    const b = store.runs.create(DEFAULT_RUN_CONFIG, 'lstm_big')
    const c = store.runs.create({ ...DEFAULT_RUN_CONFIG, epochs: 5 }, 'plain')
    store.runs.setStatus(b.id, 'finished')
    store.runs.update(c.id, { tags: ['baseline', 'gru'], notes: 'a note about lstm' })
    const names = (filter: Parameters<typeof store.listing.list>[0]) => store.listing.list(filter).map((r) => r.name)

    expect(names({})).toEqual(['plain', 'lstm_big', '100% latent'])
    expect(names({ status: ['finished'] })).toEqual(['lstm_big'])
    expect(names({ status: ['queued', 'finished'] })).toEqual(['plain', 'lstm_big', '100% latent'])
    expect(names({ text: '100%' })).toEqual(['100% latent'])
    expect(names({ text: '0% l' })).toEqual(['100% latent'])
    expect(names({ text: 'm_b' })).toEqual(['lstm_big'])
    expect(names({ text: '_' })).toEqual(['lstm_big'])
    expect(names({ text: 'lstm' })).toEqual(['plain', 'lstm_big']) // notes count too
    expect(names({ tag: 'gru' })).toEqual(['plain'])
    expect(names({ tag: "x' OR 1=1 --" })).toEqual([])
    expect(store.runs.get(c.id).config.epochs).toBe(5)
    expect(store.runs.get(a.id).configHash).toBe(store.runs.get(b.id).configHash)
    expect(store.runs.get(c.id).configHash).not.toBe(store.runs.get(a.id).configHash)
    store.close()
  })
})
