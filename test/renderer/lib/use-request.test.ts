import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/shared/errors'
import { useRequest } from '../../../src/renderer/src/lib/use-request'

/** A promise settled from outside, to control the order answers arrive in. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('useRequest', () => {
  it('keeps the latest answer and drops one that arrives after a newer request', async () => {
    const request = useRequest<string>()
    const slow = deferred<string>()
    const fast = deferred<string>()
    const first = request.run(() => slow.promise)
    const second = request.run(() => fast.promise)
    expect(request.loading.value).toBe(true)
    fast.resolve('new')
    await second
    expect(request.data.value).toBe('new')
    expect(request.loading.value).toBe(false)
    slow.resolve('stale')
    expect(await first).toBeNull()
    expect(request.data.value).toBe('new')
  })

  it('shows the core’s sentence on failure and keeps the previous answer on screen', async () => {
    const request = useRequest<number>()
    await request.run(async () => 1)
    await request.run(async () => {
      throw new UserError('run 9 has no encoded samples yet (it is running)')
    })
    expect(request.error.value).toBe('run 9 has no encoded samples yet (it is running)')
    expect(request.data.value).toBe(1)
    await request.run(async () => 2)
    expect(request.error.value).toBeNull()
  })

  it('ignores the failure of a request that a newer one replaced', async () => {
    const request = useRequest<number>()
    const old = deferred<number>()
    const first = request.run(() => old.promise)
    await request.run(async () => 5)
    old.reject(new Error('too late'))
    await first
    expect(request.error.value).toBeNull()
    expect(request.data.value).toBe(5)
  })
})
