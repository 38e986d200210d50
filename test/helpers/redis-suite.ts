import { afterAll, beforeAll } from 'vitest'
import { startRedis, type TestRedis } from './redis-server'

/** One redis-server for the suite (started before its tests, removed after); read it inside tests. */
export function useRedisForSuite(): () => TestRedis {
  let redis: TestRedis | undefined
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.dispose())
  return () => {
    if (!redis) throw new Error('the suite\'s redis-server has not started')
    return redis
  }
}
