import type { MenuItemConstructorOptions } from 'electron'

/** What the menu's own items do; the rest are Electron's standard roles. */
export interface MenuActions {
  importDataset(): void
  exportModel(): void
  openDataFolder(): void
  openLogs(): void
  showAbout(): void
}

/**
 * The application menu: File (import, export, quit), Edit (copy and paste in every text field),
 * View (reload, zoom, full screen), Window and Help. On macOS the first menu is the app's own, as
 * the platform expects, and About and Quit move there.
 */
export function appMenuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: 'About SeqVAE Workbench', click: () => actions.showAbout() }
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Import dataset…', accelerator: 'CmdOrCtrl+O', click: () => actions.importDataset() },
      { label: 'Export model…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportModel() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Open data folder', click: () => actions.openDataFolder() },
      { label: 'Open logs', click: () => actions.openLogs() },
      ...(mac ? [] : [{ type: 'separator' } as const, about]),
    ],
  }
  return [
    ...(mac ? [{ label: 'SeqVAE Workbench', submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    help,
  ]
}
