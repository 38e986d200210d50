import { type BrowserWindow, dialog } from 'electron'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { RunId } from '../../shared/api'
import { MAX_UPLOAD_BYTES, type UploadedFile } from '../../shared/datasets'
import type { DesktopReply } from '../../shared/desktop-bridge'
import { UserError } from '../../shared/errors'
import type { Lab } from '../lab/lab'

const MiB = 1024 * 1024

/** A failure the user can act on becomes the sentence shown; anything else is logged and summarised. */
function failure(e: unknown, doing: string): { ok: false; message: string } {
  if (e instanceof UserError) return { ok: false, message: e.message }
  const code = (e as NodeJS.ErrnoException).code
  if (!code) console.error(`${doing} failed:`, e)
  return { ok: false, message: `Could not ${doing}${code ? ` (${code})` : ''}.` }
}

/**
 * "Import dataset…": the platform's open dialog; the file is read here and handed to the page as
 * the same kind of file a browser upload gives, so the import form and the Lab treat both alike.
 */
export async function chooseImportFile(window: BrowserWindow | undefined): Promise<DesktopReply<UploadedFile | null>> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import dataset',
    buttonLabel: 'Choose',
    properties: ['openFile'],
    filters: [
      { name: 'Sequences (CSV, UCR/UEA text, NumPy)', extensions: ['csv', 'tsv', 'txt', 'npy'] },
      { name: 'All files', extensions: ['*'] },
    ],
  }
  const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  if (canceled || filePaths.length === 0) return { ok: true, value: null }
  const file = filePaths[0]
  try {
    const { size } = await stat(file)
    if (size > MAX_UPLOAD_BYTES) {
      return {
        ok: false,
        message: `${path.basename(file)} is ${Math.round(size / MiB)} MiB; the app imports files up to ${MAX_UPLOAD_BYTES / MiB} MiB. Import it with \`seqvae import ${path.basename(file)}\` (up to 2 GB).`,
      }
    }
    const bytes = await readFile(file)
    return { ok: true, value: { name: path.basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) } }
  } catch (e) {
    return failure(e, `read ${file}`)
  }
}

/** "Export model…": the platform's folder dialog, then the run's encoder and decoder written there. */
export async function exportModelWithDialog(lab: Lab, window: BrowserWindow | undefined, runId: RunId): Promise<DesktopReply<string | null>> {
  const options: Electron.OpenDialogOptions = {
    title: `Export the model of run ${runId}`,
    buttonLabel: 'Export here',
    properties: ['openDirectory', 'createDirectory'],
  }
  const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  if (canceled || filePaths.length === 0) return { ok: true, value: null }
  try {
    await lab.exportModel(runId, filePaths[0])
    return { ok: true, value: filePaths[0] }
  } catch (e) {
    return failure(e, `export the model of run ${runId}`)
  }
}
