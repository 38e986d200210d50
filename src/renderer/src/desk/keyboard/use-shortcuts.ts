import { onBeforeUnmount, onMounted } from 'vue'

/** Keys typed into a field belong to the field, not to the shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

/**
 * Single-key shortcuts (`n`, `/`, `c`…) while the component is mounted. They stay out of the way:
 * not while typing in a field, not with Ctrl/Alt/Meta (the browser's own), not inside a dialog.
 */
export function useShortcuts(bindings: Record<string, (event: KeyboardEvent) => void>): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
    if (event.target instanceof Element && event.target.closest('dialog[open]')) return
    const handler = bindings[event.key]
    if (!handler) return
    event.preventDefault()
    handler(event)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
