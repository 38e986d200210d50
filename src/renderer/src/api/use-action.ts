import { ref } from 'vue'

/**
 * Something the user asks the workbench to do (start a run, import a file, delete a dataset):
 * `busy` while it runs, so its button can say so and is not pressed twice, and `error`, the core's
 * sentence, when it failed.
 */
export function useAction() {
  const busy = ref(false)
  const error = ref<string | null>(null)

  /** Runs `action`; resolves true when it succeeded, false when it failed (and `error` says why). */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      await action()
      return true
    } catch (e) {
      error.value = (e as Error).message
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
