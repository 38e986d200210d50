import { MAX_UPLOAD_BYTES } from '../../../../shared/datasets'

/** "812 B", "3.4 KiB", "12.0 MiB": file sizes in the binary units `seqvae` prints. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/**
 * The name the Lab gives a file's dataset when none is typed (lower-cased stem, runs of other
 * characters turned into dashes, trimmed to letters or digits at both ends), shown in the form
 * so the user sees and can change it before importing.
 */
export function datasetNameFromFile(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').toLowerCase()
  return (
    stem
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 64) || 'imported'
  )
}

/**
 * Why a file cannot be sent through the app, or null when it can: the API takes at most
 * MAX_UPLOAD_BYTES, and bigger files (up to 2 GB) go through the command line instead, which reads
 * them from disk without holding them in a request.
 */
export function uploadRefusal(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty.`
  if (file.size <= MAX_UPLOAD_BYTES) return null
  return `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(MAX_UPLOAD_BYTES)} the app can upload: import it from a terminal with \`seqvae import ${file.name}\`.`
}

/** Whether a file needs a separate labels file to be labelled (npy arrays hold values only). */
export function isNpyFile(fileName: string): boolean {
  return /\.npy$/i.test(fileName)
}
