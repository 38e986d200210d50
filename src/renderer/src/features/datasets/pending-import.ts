import { shallowRef } from 'vue'

/**
 * A file the user chose outside the import form (the desktop menu's "Import dataset…", or dropped
 * anywhere on the window), waiting for the Datasets page's form to take it.
 */
export const pendingImport = shallowRef<File | null>(null)

export function offerForImport(file: File): void {
  pendingImport.value = file
}

/** The waiting file, once: the form takes it and it is gone. */
export function takePendingImport(): File | null {
  const file = pendingImport.value
  pendingImport.value = null
  return file
}
