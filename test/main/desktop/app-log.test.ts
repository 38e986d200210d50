import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { aboutDetail } from '../../../src/main/desktop/about'
import { startAppLog } from '../../../src/main/desktop/app-log'
import { useTempDirs } from '../../helpers/temp-dir'

describe('the app’s log file and About box', () => {
  const tempDir = useTempDirs()
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error }
  afterEach(() => Object.assign(console, saved))

  it('copies what the main process prints into logs/main.log, stamped with time and level', () => {
    const dir = path.join(tempDir(), 'logs')
    const file = startAppLog(dir)
    expect(file).toBe(path.join(dir, 'main.log'))
    console.warn('disk nearly full: %d MiB left', 12)
    console.error(new Error('boom'))
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}SeqVAE Workbench started \(pid \d+\)$/)
    expect(lines[1]).toMatch(/ WARN {2}disk nearly full: 12 MiB left$/)
    expect(lines[2]).toMatch(/ ERROR Error: boom$/)
  })

  it('tells versions, engine, data folder and log in About', () => {
    const detail = aboutDetail({
      appVersion: '0.1.0',
      versions: { electron: '40.8.5', node: '22.20.0', chrome: '144.0.1' },
      engine: 'fused, native avx2 kernels',
      dataDir: '/home/ada/.config/SeqVAE Workbench',
      logFile: '/home/ada/.config/SeqVAE Workbench/logs/main.log',
    })
    expect(detail.split('\n')).toEqual([
      'Version 0.1.0',
      'Electron 40.8.5 · Node 22.20.0 · Chromium 144.0.1',
      'Training engine: fused, native avx2 kernels',
      'Data folder: /home/ada/.config/SeqVAE Workbench',
      'Log: /home/ada/.config/SeqVAE Workbench/logs/main.log',
    ])
  })
})
