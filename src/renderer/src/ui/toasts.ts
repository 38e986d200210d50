import { reactive } from 'vue'

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  action?: { label: string; run: () => void }
}

/** Short-lived notices at the bottom of the screen (e.g. "Deleted run 12 · Undo"). */
export const toasts = reactive<Toast[]>([])
let nextId = 1

export function showToast(toast: Omit<Toast, 'id'>, timeoutMs = 6000): number {
  const id = nextId++
  toasts.push({ ...toast, id })
  setTimeout(() => dismissToast(id), timeoutMs)
  return id
}

export function dismissToast(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id)
  if (index >= 0) toasts.splice(index, 1)
}
