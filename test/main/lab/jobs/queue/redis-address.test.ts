import { describe, expect, it } from 'vitest'
import { parseRedisAddress, redisOptions } from '../../../../../src/main/lab/jobs/queue/redis-address'

describe('queue addresses', () => {
  it('reads host, port, database, credentials and TLS, and never shows the password', () => {
    expect(parseRedisAddress('redis://127.0.0.1:6390/2')).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, tls: false, display: 'redis://127.0.0.1:6390/2' })
    const secret = parseRedisAddress('rediss://trainer:s%40cret@queue.lab.example:6380/1')
    expect(secret).toMatchObject({ host: 'queue.lab.example', port: 6380, db: 1, username: 'trainer', password: 's@cret', tls: true })
    expect(secret.display).toBe('rediss://trainer:***@queue.lab.example:6380/1')
    expect(parseRedisAddress('redis://:pw@localhost').display).toBe('redis://:***@localhost/0')
    expect(parseRedisAddress('redis://localhost')).toMatchObject({ port: 6379, db: 0 })
    expect(redisOptions(secret, { patient: false }).tls).toEqual({ servername: 'queue.lab.example' })
  })

  it('keeps a worker\'s commands through an outage and fails the hub\'s at once', () => {
    const address = parseRedisAddress('redis://127.0.0.1:1/0')
    expect(redisOptions(address, { patient: true })).toMatchObject({ enableOfflineQueue: true, maxRetriesPerRequest: null })
    expect(redisOptions(address, { patient: false })).toMatchObject({ enableOfflineQueue: false })
  })

  it('refuses what is not a Redis address with one sentence', () => {
    expect(() => parseRedisAddress('localhost:6379')).toThrow('the queue address "localhost:6379" must start with redis:// or rediss://; write redis://HOST:PORT/DB')
    expect(() => parseRedisAddress('http://localhost')).toThrow('the queue address "http://localhost" must start with redis:// or rediss://')
    expect(() => parseRedisAddress('not an address')).toThrow('"not an address" is not a queue address')
    expect(() => parseRedisAddress('redis://localhost/zero')).toThrow(`the queue address's database must be a number such as /0, not "/zero"`)
    expect(() => parseRedisAddress('redis://localhost/0?tls=1')).toThrow('takes no query')
  })
})
