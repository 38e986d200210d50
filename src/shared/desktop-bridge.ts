import type { RunId } from './api'
import type { UploadedFile } from './datasets'

/**
 * What the desktop app adds to the page beside the WorkbenchApi: native file dialogs and the
 * application menu's commands. The preload exposes it as `window.workbenchDesktop`; in a browser
 * it is absent and the page keeps its file input and downloads.
 */
export interface DesktopBridge {
  /** A native open dialog; the chosen file's name and bytes, or null when the user cancelled. */
  chooseImportFile(): Promise<UploadedFile | null>
  /** A native folder dialog, then the run's model written into it; the folder, or null when cancelled. */
  exportModel(runId: RunId): Promise<string | null>
  /** The page's theme choice, remembered so the next window opens painted in it. */
  setTheme(choice: DesktopTheme): void
  /** Commands from the application menu. Returns the function that stops listening. */
  onCommand(listener: (command: DesktopCommand) => void): () => void
  /** Where this app trains runs, as saved; it takes effect the next time the app starts. */
  getComputeSetting(): Promise<ComputeSetting>
  /** Saves the setting (refused with a sentence when the address is not one); the app uses it from its next start. */
  setComputeSetting(setting: ComputeSetting): Promise<void>
}

/**
 * The desktop app's Compute setting: train on this computer, or send runs to a Redis queue that
 * `seqvae worker` processes train (see README), with `localJobs` training processes of its own.
 */
export interface ComputeSetting {
  /** `redis://HOST:PORT/DB` or `rediss://…`; null: train on this computer. */
  queue: string | null
  /** Training processes at once on this computer (with a queue: how many it runs for the queue, 0 for none). */
  localJobs: number
}

export type DesktopTheme = 'auto' | 'light' | 'dark'

export type DesktopCommand =
  /** "Import dataset…" in the menu: the file the user chose, for the Datasets page's import form. */
  | { type: 'import-file'; file: UploadedFile }
  /** "Export model…" in the menu: export the run on screen, if there is one. */
  | { type: 'export-model' }

export const DESKTOP_CHANNELS = {
  chooseImportFile: 'desktop:choose-import-file',
  exportModel: 'desktop:export-model',
  setTheme: 'desktop:set-theme',
  command: 'desktop:command',
  getComputeSetting: 'desktop:get-compute-setting',
  setComputeSetting: 'desktop:set-compute-setting',
} as const

/** A reply that cannot throw across IPC (see ipc-protocol.ts): a value, or the sentence to show. */
export type DesktopReply<T> = { ok: true; value: T } | { ok: false; message: string }
