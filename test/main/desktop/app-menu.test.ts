import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate, type MenuActions } from '../../../src/main/desktop/app-menu'

function recorder() {
  const calls: string[] = []
  const actions: MenuActions = {
    importDataset: () => calls.push('importDataset'),
    exportModel: () => calls.push('exportModel'),
    openDataFolder: () => calls.push('openDataFolder'),
    openLogs: () => calls.push('openLogs'),
    showAbout: () => calls.push('showAbout'),
  }
  return { calls, actions }
}

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[]
const names = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role)
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.()

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help, with the standard roles for editing, zoom and full screen', () => {
    const menu = appMenuTemplate('linux', recorder().actions)
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(names(submenu(menu[0]))).toEqual(['Import dataset…', 'Export model…', 'quit'])
    expect(names(submenu(menu[2]))).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(names(submenu(menu[4]))).toEqual(['Open data folder', 'Open logs', 'About SeqVAE Workbench'])
    expect(submenu(menu[0])[0].accelerator).toBe('CmdOrCtrl+O')
  })

  it('puts About and Quit in the app menu on macOS, as the platform expects', () => {
    const menu = appMenuTemplate('darwin', recorder().actions)
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['SeqVAE Workbench', 'File', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(names(submenu(menu[0]))).toEqual(['About SeqVAE Workbench', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(names(submenu(menu[5]))).toEqual(['Open data folder', 'Open logs'])
  })

  it('calls the app’s action for each of its own items', () => {
    const { calls, actions } = recorder()
    const menu = appMenuTemplate('linux', actions)
    for (const item of [...submenu(menu[0]), ...submenu(menu[4])]) click(item)
    expect(calls).toEqual(['importDataset', 'exportModel', 'openDataFolder', 'openLogs', 'showAbout'])
  })
})
