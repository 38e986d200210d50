import { onBeforeUnmount, onMounted } from 'vue'

/**
 * A file dropped anywhere on the window goes to `onFile`, unless something under the pointer (an
 * import form's own drop zone) already took it. Without this, a browser (or Electron) would leave
 * the app to show the file.
 */
export function useWindowFileDrop(onFile: (file: File) => void): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true
  const onDragOver = (event: DragEvent) => {
    if (carriesFiles(event)) event.preventDefault()
  }
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return
    const handled = event.defaultPrevented
    event.preventDefault()
    const file = event.dataTransfer?.files[0]
    if (!handled && file) onFile(file)
  }
  onMounted(() => {
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('dragover', onDragOver)
    window.removeEventListener('drop', onDrop)
  })
}
