import { describe, expect, it } from 'vitest'
import { SupersededRequests } from '../../../src/main/ipc/superseded-requests'

describe('superseded IPC requests', () => {
  it("aborts a window's earlier request for the same view of the same run, and nothing else", () => {
    const requests = new SupersededRequests()
    const first = requests.signalFor(1, 'getAnomalyReport', [3, { score: 'nll' }])!
    const otherRun = requests.signalFor(1, 'getAnomalyReport', [4])!
    const otherWindow = requests.signalFor(2, 'getAnomalyReport', [3])!
    expect(requests.signalFor(1, 'listRuns', [])).toBeUndefined()
    expect(first.aborted).toBe(false)
    const second = requests.signalFor(1, 'getAnomalyReport', [3, { score: 'mse' }])!
    expect(first.aborted).toBe(true)
    expect([second.aborted, otherRun.aborted, otherWindow.aborted]).toEqual([false, false, false])
  })

  it('forgets an answered request, so a later one aborts nothing', () => {
    const requests = new SupersededRequests()
    const args = [3, {}]
    const answered = requests.signalFor(1, 'getReconstructions', args)!
    requests.settled(1, 'getReconstructions', args, answered)
    requests.signalFor(1, 'getReconstructions', args)
    expect(answered.aborted).toBe(false)
  })
})
