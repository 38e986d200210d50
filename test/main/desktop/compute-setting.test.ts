import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { checkComputeSetting, computeSettingFile, labCompute, LOCAL, readComputeSetting, writeComputeSetting } from '../../../src/main/desktop/compute-setting'
import { useTempDirs } from '../../helpers/temp-dir'

describe('the desktop app\'s Compute setting', () => {
  const tempDir = useTempDirs()

  it('is saved in the user-data folder, readable only by its user, and opens the Lab on the queue at the next start', () => {
    const userData = tempDir()
    expect(readComputeSetting(userData)).toEqual(LOCAL)
    writeComputeSetting(userData, { queue: ' rediss://:pw@queue.lab:6380/1 ', localJobs: 2 })
    expect(JSON.parse(readFileSync(computeSettingFile(userData), 'utf8'))).toEqual({ queue: 'rediss://:pw@queue.lab:6380/1', localJobs: 2 })
    expect(statSync(computeSettingFile(userData)).mode & 0o077).toBe(0)
    expect(labCompute(readComputeSetting(userData), '/data')).toEqual({
      parallelJobs: 2,
      queue: { address: 'rediss://:pw@queue.lab:6380/1', cacheDir: path.join('/data', 'worker-cache') },
    })
    expect(labCompute(LOCAL, '/data')).toEqual({ parallelJobs: 1 })
  })

  it('refuses a bad setting with a sentence, and starts on this computer when the saved file is unusable', () => {
    expect(() => checkComputeSetting({ queue: null, localJobs: 0 })).toThrow('training processes on this computer must be a whole number from 1 to 64')
    expect(() => checkComputeSetting({ queue: 'redis://q/0', localJobs: 65 })).toThrow('from 0 to 64')
    expect(() => checkComputeSetting({ queue: 'ftp://q', localJobs: 0 })).toThrow('the queue address "ftp://q" must start with redis:// or rediss://')
    const userData = tempDir()
    writeFileSync(computeSettingFile(userData), '{ "queue": 42, "localJobs": 1 }')
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(readComputeSetting(userData)).toEqual(LOCAL)
    expect(log.mock.calls[0][0]).toMatch(/is not usable \(the queue address must be text such as redis:\/\/HOST:6379\/0\); training on this computer\.$/)
    log.mockRestore()
  })
})
