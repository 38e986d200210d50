import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { API_METHODS } from '../../src/shared/api-methods'

const BUNDLE = path.join(__dirname, '../../out/preload/index.js')

interface Invocation {
  channel: string
  args: unknown
}

/**
 * Runs the BUILT preload (out/preload/index.js) the way a sandboxed renderer would: its only
 * `require` is `electron`, whose contextBridge and ipcRenderer are recorded here. What it exposes
 * is exactly what the page gets as `window.workbench`.
 */
function loadPreload(reply: (channel: string, args: unknown) => unknown) {
  if (!existsSync(BUNDLE)) throw new Error('this test reads the built preload: run `npm run build` first')
  const exposed = new Map<string, Record<string, unknown>>()
  const invocations: Invocation[] = []
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => {
        invocations.push({ channel, args })
        return reply(channel, args)
      },
      send: (channel: string, args: unknown) => invocations.push({ channel, args }),
      on: (channel: string, listener: (...a: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...a: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  }
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron
    throw new Error(`a sandboxed preload cannot require "${name}"`)
  }
  vm.runInNewContext(readFileSync(BUNDLE, 'utf8'), { require: sandboxRequire, module: { exports: {} }, exports: {} }, { filename: BUNDLE })
  return { exposed, invocations, listeners }
}

describe('the built preload', () => {
  it('exposes window.workbench with exactly the contract methods, window.workbenchDesktop with the desktop bridge, and nothing else', () => {
    const { exposed } = loadPreload(() => ({ ok: true, value: null }))
    expect([...exposed.keys()]).toEqual(['workbench', 'workbenchDesktop'])
    expect(Object.keys(exposed.get('workbench')!).sort()).toEqual([...API_METHODS, 'subscribe'].sort())
    expect(Object.keys(exposed.get('workbenchDesktop')!).sort()).toEqual(['chooseImportFile', 'exportModel', 'getComputeSetting', 'onCommand', 'setComputeSetting', 'setTheme'])
  })

  it('carries the desktop bridge over its own channels, with the sentence of a refusal as the error', async () => {
    const { exposed, invocations, listeners } = loadPreload((channel) =>
      channel === 'desktop:export-model'
        ? { ok: false, message: 'run 3 has no final weights to export (it is running)' }
        : channel === 'desktop:set-compute-setting'
          ? { ok: false, message: 'the queue address "q" must start with redis:// or rediss://' }
          : { ok: true, value: null },
    )
    const desktop = exposed.get('workbenchDesktop') as {
      chooseImportFile(): Promise<unknown>
      exportModel(id: number): Promise<unknown>
      setTheme(choice: string): void
      onCommand(l: (c: unknown) => void): () => void
      getComputeSetting(): Promise<unknown>
      setComputeSetting(s: unknown): Promise<unknown>
    }
    await expect(desktop.chooseImportFile()).resolves.toBeNull()
    await expect(desktop.exportModel(3)).rejects.toThrow('run 3 has no final weights to export (it is running)')
    desktop.setTheme('dark')
    await expect(desktop.getComputeSetting()).resolves.toBeNull()
    await expect(desktop.setComputeSetting({ queue: 'q', localJobs: 0 })).rejects.toThrow('the queue address "q" must start with redis:// or rediss://')
    expect(invocations.map((i) => [i.channel, i.args])).toEqual([
      ['desktop:choose-import-file', undefined],
      ['desktop:export-model', 3],
      ['desktop:set-theme', 'dark'],
      ['desktop:get-compute-setting', undefined],
      ['desktop:set-compute-setting', { queue: 'q', localJobs: 0 }],
    ])
    const commands: unknown[] = []
    const off = desktop.onCommand((c) => commands.push(c))
    for (const listener of listeners.get('desktop:command')!) listener({ sender: 'ipc' }, { type: 'export-model' })
    off()
    expect(listeners.get('desktop:command')!.size).toBe(0)
    expect(commands).toEqual([{ type: 'export-model' }])
  })

  it('carries each call over its own invoke channel and turns refusals into errors with the sentence', async () => {
    const { exposed, invocations } = loadPreload((channel) =>
      channel === 'workbench:getRun'
        ? { ok: false, failure: { message: 'run 7 does not exist', kind: 'not-found' } }
        : { ok: true, value: [{ id: 1 }] },
    )
    const workbench = exposed.get('workbench') as Record<string, (...a: unknown[]) => Promise<unknown>>
    await expect(workbench.listRuns({ tag: 'x' })).resolves.toEqual([{ id: 1 }])
    await expect(workbench.getRun(7)).rejects.toThrow('run 7 does not exist')
    expect(invocations.map((i) => [i.channel, i.args])).toEqual([
      ['workbench:listRuns', [{ tag: 'x' }]],
      ['workbench:getRun', [7]],
    ])
  })

  it('forwards run events to subscribers until they unsubscribe', () => {
    const { exposed, listeners } = loadPreload(() => null)
    const workbench = exposed.get('workbench') as { subscribe: (l: (e: unknown) => void) => () => void }
    const received: unknown[] = []
    const off = workbench.subscribe((e) => received.push(e))
    const channel = listeners.get('workbench:event')!
    for (const listener of channel) listener({ sender: 'ipc' }, { type: 'queued', runId: 1, seq: 1 })
    off()
    expect(channel.size).toBe(0)
    expect(received).toEqual([{ type: 'queued', runId: 1, seq: 1 }])
  })
})
