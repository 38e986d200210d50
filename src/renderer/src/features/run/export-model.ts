import type { RunId, WorkbenchApi } from '../../../../shared/api'
import { desktopBridge } from '../../api/desktop-bridge'
import { downloadBytes } from '../../lib/export/download-file'
import { showToast } from '../../ui/toasts'

/**
 * "Export model…": the run's encoder and decoder as TensorFlow.js Layers models. The desktop app
 * asks for a folder and writes them there; a browser downloads them as one zip.
 */
export async function exportRunModel(api: WorkbenchApi, runId: RunId): Promise<void> {
  const desktop = desktopBridge()
  try {
    if (desktop) {
      const folder = await desktop.exportModel(runId)
      if (folder) showToast({ message: `Model of run ${runId} written to ${folder}`, tone: 'info' })
      return
    }
    const archive = await api.exportModelArchive(runId)
    downloadBytes(archive.name, 'application/zip', archive.bytes)
  } catch (e) {
    showToast({ message: (e as Error).message, tone: 'error' }, 10_000)
  }
}
