import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Lab } from '../../../src/main/lab/lab'
import type { RunId } from '../../../src/shared/api'
import { API_METHODS, type ApiArguments, type ApiMethod } from '../../../src/shared/api-methods'
import { DESKTOP_CHANNELS } from '../../../src/shared/desktop-bridge'
import { channelOf, type IpcReply } from '../../../src/shared/ipc-protocol'
import { edge } from '../../helpers/electron-edge'

vi.mock('electron', async () => (await import('../../helpers/electron-edge')).edge)

/** Run ids the calls below refer to: a finished run, and one the calls create, cancel, resume and delete. */
interface Ids {
  trained: RunId
  created: () => RunId
}

const UPLOAD = {
  name: 'wired.csv',
  bytes: new TextEncoder().encode(Array.from({ length: 12 }, (_, i) => [i % 3 === 0 ? 'a' : 'b', ...Array.from({ length: 8 }, (_, t) => Math.sin(t + i).toFixed(3))].join(',')).join('\n')),
}

/**
 * One call per contract method, in an order that makes each meaningful. Keyed by ApiMethod, so a
 * contract method without a call here fails to compile.
 */
const CALLS: { [K in ApiMethod]: (ids: Ids) => ApiArguments<K> } = {
  listDatasets: () => [],
  getDataset: () => ['mnist'],
  importDataset: () => [UPLOAD, { name: 'wired' }],
  previewImport: () => [UPLOAD, { format: 'ucr' }],
  deleteDataset: () => ['wired'],
  createRun: () => [{ epochs: 200, trainLimit: 256, valLimit: 32, evalLimit: 32 }, 'created over IPC'],
  listRuns: () => [],
  listRunPage: () => [{ sort: { field: 'bestValLoss', descending: false }, limit: 10 }],
  listRunGroups: () => [{ where: [{ field: 'latentDim', op: '>=', value: '1' }] }],
  getRun: ({ trained }) => [trained],
  cancelRun: ({ created }) => [created()],
  resumeRun: ({ created }) => [created()],
  updateRun: ({ trained }) => [trained, { notes: 'wired' }],
  getMetrics: ({ trained }) => [[trained]],
  getLatents: ({ trained }) => [trained],
  decode: ({ trained }) => [trained, new Float32Array(3), 1],
  getLatentDiagnostics: ({ trained }) => [trained],
  getReconstructions: ({ trained }) => [trained, {}],
  getSampleAcrossRuns: ({ trained }) => [[trained], 0],
  samplePrior: ({ trained }) => [trained, { count: 4 }],
  probeRadii: ({ trained }) => [trained, { radii: [1, 3], directions: 4 }],
  traverse: ({ trained }) => [trained, {}],
  interpolate: ({ trained }) => [trained, { fromIndex: 0, toIndex: 1 }],
  getLatentProjection: ({ trained }) => [trained, {}],
  getLatentTimeline: ({ trained }) => [trained, {}],
  decodePoints: ({ trained }) => [trained, new Float32Array(3), 1],
  getAnomalyReport: ({ trained }) => [trained, {}],
  evaluateLikelihood: ({ trained }) => [trained, { k: 2 }],
  getLikelihoodEvaluations: ({ trained }) => [[trained]],
  exportModelArchive: ({ trained }) => [trained],
  getQueueStatus: () => [],
  deleteRun: ({ created }) => [created()],
}

describe('desktop main process wiring under plain Node, Electron stubbed at its edge (a wiring check, not a stand-in for Electron)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'seqvae-desktop-wiring-'))
  const dataDir = path.join(root, 'data')
  let trained: RunId

  beforeAll(async () => {
    // A finished run to inspect, trained for real by a Node Lab in the folder the app will open.
    const lab = Lab.open({ dataDir })
    trained = (await lab.createRun({ epochs: 1, trainLimit: 128, valLimit: 32, evalLimit: 64 }, 'trained before start')).id
    expect((await lab.waitForRun(trained)).status).toBe('finished')
    await lab.close()
    edge.app.paths = { logs: path.join(root, 'logs'), userData: path.join(root, 'user-data') }
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('refuses a data folder whose database is not SQLite with a dialog and a clean exit, changing nothing', async () => {
    const broken = path.join(root, 'broken')
    mkdirSync(broken)
    writeFileSync(path.join(broken, 'workbench.sqlite'), 'not a database, but somebody’s notes')
    vi.stubEnv('SEQVAE_DATA_DIR', broken)
    const { startDesktopApp } = await import('../../../src/main/desktop/desktop-app')
    expect(await startDesktopApp()).toBeNull()
    expect(edge.errorBoxes).toEqual([
      {
        title: 'SeqVAE Workbench cannot start',
        content: expect.stringMatching(/^.*workbench\.sqlite is not a readable SeqVAE Workbench database .*it was not changed\n\nThe app will now quit; nothing was changed\.$/s),
      },
    ])
    expect(edge.app.exitCode).toBe(1)
    expect(readFileSync(path.join(broken, 'workbench.sqlite'), 'utf8')).toBe('not a database, but somebody’s notes')
    expect(edge.handlers.size).toBe(0)
    expect(edge.windows).toHaveLength(0)
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  it('opens the Lab, registers every IPC handler, and answers one call per contract method through the app’s handler table', async () => {
    vi.stubEnv('SEQVAE_DATA_DIR', dataDir)
    const { startDesktopApp } = await import('../../../src/main/desktop/desktop-app')
    const app = await startDesktopApp()
    expect(app).not.toBeNull()
    const { lab, page, window } = app!
    try {
      const desktopChannels = [DESKTOP_CHANNELS.chooseImportFile, DESKTOP_CHANNELS.exportModel, DESKTOP_CHANNELS.getComputeSetting, DESKTOP_CHANNELS.setComputeSetting]
      expect([...edge.handlers.keys()].sort()).toEqual([...API_METHODS.map(channelOf), ...desktopChannels].sort())
      expect([...edge.listeners.keys()]).toEqual([DESKTOP_CHANNELS.setTheme])
      // The window loads the built page with the built preload, isolated and sandboxed.
      expect(window).toBe(edge.windows[0])
      expect(edge.windows[0].url).toBe(page.url.href)
      expect(page.url.href).toMatch(/\/out\/renderer\/index\.html$/)
      expect(edge.windows[0].options).toMatchObject({ show: false, backgroundColor: '#f5f6f8', webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } })
      expect((edge.windows[0].options.webPreferences as { preload: string }).preload).toMatch(/\/out\/preload\/index\.js$/)
      expect((edge.menu as { label?: string; role?: string }[]).map((m) => m.label ?? m.role)).toEqual(
        process.platform === 'darwin' ? ['SeqVAE Workbench', 'File', 'editMenu', 'View', 'windowMenu', 'help'] : ['File', 'editMenu', 'View', 'windowMenu', 'help'],
      )

      const frame = { parent: null, url: page.url.href }
      const invoke = async (channel: string, args: unknown) => (await edge.handlers.get(channel)!({ senderFrame: frame, sender: {} }, args)) as IpcReply<unknown>
      let created: RunId | undefined
      const ids: Ids = { trained, created: () => created! }
      const answered: string[] = []
      for (const method of Object.keys(CALLS) as ApiMethod[]) {
        if (method === 'resumeRun') await lab.waitForRun(created!) // the cancel above has settled
        const reply = await invoke(channelOf(method), CALLS[method](ids))
        expect(reply, `${method}: ${JSON.stringify(!reply.ok && reply.failure)}`).toMatchObject({ ok: true })
        if (method === 'createRun') created = (reply as { value: { id: RunId } }).value.id
        answered.push(method)
      }
      expect(answered.sort()).toEqual([...API_METHODS].sort())
      // A frame that is not the workbench page is refused before the Lab is reached.
      const stranger = await edge.handlers.get(channelOf('listRuns'))!({ senderFrame: { parent: null, url: 'https://example.com/' } }, [])
      expect(stranger).toEqual({ ok: false, failure: { message: 'Only the workbench page may call the workbench.', kind: 'forbidden' } })
      // Run events reach the window.
      expect(edge.windows[0].sent.some((s) => s.channel === 'workbench:event')).toBe(true)

      // The Compute setting: read, refused with a sentence, saved for the next start; strangers refused.
      const compute = (channel: string, ...args: unknown[]) => edge.handlers.get(channel)!({ senderFrame: frame, sender: {} }, ...args)
      expect(await compute(DESKTOP_CHANNELS.getComputeSetting)).toEqual({ ok: true, value: { queue: null, localJobs: 1 } })
      expect(await compute(DESKTOP_CHANNELS.setComputeSetting, { queue: 'localhost:6379', localJobs: 0 })).toEqual({
        ok: false,
        message: expect.stringContaining('must start with redis:// or rediss://'),
      })
      expect(await compute(DESKTOP_CHANNELS.setComputeSetting, { queue: 'redis://queue.lab:6379/2', localJobs: 0 })).toEqual({ ok: true, value: undefined })
      expect(await compute(DESKTOP_CHANNELS.getComputeSetting)).toEqual({ ok: true, value: { queue: 'redis://queue.lab:6379/2', localJobs: 0 } })
      expect(await edge.handlers.get(DESKTOP_CHANNELS.getComputeSetting)!({ senderFrame: { parent: null, url: 'https://example.com/' } })).toMatchObject({ ok: false })
    } finally {
      await lab.close()
      vi.unstubAllEnvs()
    }
  })
})
