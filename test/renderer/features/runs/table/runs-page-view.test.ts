import { describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS, parseRunsPageView, runsPageQuery } from '../../../../../src/renderer/src/features/runs/table/runs-page-view'

describe('runs page view in the URL', () => {
  it('is empty for the default view and round-trips a full one', () => {
    const defaults = parseRunsPageView({})
    expect(runsPageQuery(defaults)).toEqual({})
    expect(defaults.columns).toEqual(DEFAULT_COLUMNS)
    const view = {
      filter: { text: 'warm', statuses: ['finished' as const, 'failed' as const], tag: 'keep', conditions: [{ field: 'latentDim', op: '>=' as const, value: '3' }] },
      sort: { field: 'bestValLoss', descending: false },
      columns: ['cell' as const],
      grouped: true,
    }
    expect(parseRunsPageView(runsPageQuery(view))).toEqual(view)
  })

  it('ignores unknown statuses and columns; an empty column list stays empty', () => {
    const view = parseRunsPageView({ status: 'finished,bogus', cols: '' })
    expect(view.filter.statuses).toEqual(['finished'])
    expect(view.columns).toEqual([])
  })
})
