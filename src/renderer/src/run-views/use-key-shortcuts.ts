import { onActivated, onBeforeUnmount, onDeactivated, onMounted } from 'vue'

/** Whether a key press belongs to a field being typed in, where letters and arrows must keep their meaning. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.getAttribute('role') === 'radio'
}

/**
 * Single-key shortcuts of the view on screen (e.g. `r` re-rolls, ← / → turn pages): active while
 * the component is shown (also under KeepAlive), never while a field has the focus, never with
 * Ctrl, Alt or Meta held so the browser's own shortcuts still work.
 */
export function useKeyShortcuts(bindings: Record<string, () => void>): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || isTypingTarget(event.target)) return
    const action = bindings[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }
  // In the capture phase, ahead of the app-wide shortcuts (bubble phase): the view's own `r`
  // re-rolls rather than going to the Runs page, whichever listener was added first.
  const on = () => window.addEventListener('keydown', onKey, true)
  const off = () => window.removeEventListener('keydown', onKey, true)
  onMounted(on)
  onActivated(on)
  onDeactivated(off)
  onBeforeUnmount(off)
}
