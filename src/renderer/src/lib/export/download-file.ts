import { toCsv, toJsonRecords, type ExportTable } from './csv-format'

/** Hands the browser a file to save, the way a link with `download` does (Electron shows its save dialog). */
export function downloadUrl(fileName: string, url: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
}

export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }))
}

export function downloadBytes(fileName: string, mimeType: string, bytes: Uint8Array): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }))
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  downloadUrl(fileName, url)
  // The click has started the download; the URL is only needed until the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** "seqvae-runs-2025-01-31T1042": a name that sorts by time and says what it holds. */
export function exportFileName(what: string, extension: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:]/g, '')
  return `seqvae-${what}-${stamp}.${extension}`
}

/** Saves a table as CSV (for spreadsheets) or JSON records (for scripts), named after what it holds. */
export function downloadTable(what: string, format: 'csv' | 'json', table: ExportTable): void {
  const file = exportFileName(what, format)
  if (format === 'csv') downloadText(file, 'text/csv', toCsv(table))
  else downloadText(file, 'application/json', JSON.stringify(toJsonRecords(table), null, 2))
}
