import { onActivated, onBeforeUnmount, onDeactivated, onMounted } from 'vue'

const ARROW_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'])
/** Inputs that take no typed text: a letter pressed on them is free for a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'])

function isTextEntry(element: HTMLElement): boolean {
  if (element.isContentEditable || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true
  return element instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(element.type)
}

function usesArrowKeys(element: HTMLElement): boolean {
  if (element instanceof HTMLInputElement && (element.type === 'range' || element.type === 'radio')) return true
  const role = element.getAttribute('role')
  return role === 'radio' || role === 'slider'
}

/**
 * The one rule for when a key is not a shortcut: the focused control uses it itself. Text fields
 * and selects use every key; sliders and radio groups (SegmentedChoice) use the arrow keys, so ←
 * moves their choice rather than turning a page, while a letter still reaches the shortcuts.
 */
function keyBelongsToFocus(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  const target = event.target
  if (!(target instanceof HTMLElement)) return false
  return isTextEntry(target) || (ARROW_KEYS.has(event.key) && usesArrowKeys(target))
}

export interface ShortcutOptions {
  /**
   * App-wide bindings (App.vue) yield to any page or view that binds the same key: they listen in
   * the bubble phase, the others in the capture phase and take the key. So `r` re-rolls the prior
   * samples on the Generation view and opens the Runs page everywhere else.
   */
  appWide?: boolean
}

/**
 * Single-key shortcuts (`n`, `/`, `c`, ← / →…) while the component is shown, also under KeepAlive.
 * They stay out of the way: not when the focused control uses the key (keyBelongsToFocus), not
 * with Ctrl, Alt or Meta held (the browser's own), not inside an open dialog.
 */
export function useShortcuts(bindings: Record<string, (event: KeyboardEvent) => void>, options: ShortcutOptions = {}): void {
  const capture = !options.appWide
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || keyBelongsToFocus(event)) return
    if (event.target instanceof Element && event.target.closest('dialog[open]')) return
    const handler = bindings[event.key]
    if (!handler) return
    event.preventDefault()
    handler(event)
  }
  // Adding the same listener twice is a no-op, so mounting and a first activation may both call `on`.
  const on = () => window.addEventListener('keydown', onKey, capture)
  const off = () => window.removeEventListener('keydown', onKey, capture)
  onMounted(on)
  onActivated(on)
  onDeactivated(off)
  onBeforeUnmount(off)
}
