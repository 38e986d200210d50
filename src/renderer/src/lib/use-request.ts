import { ref, shallowRef } from 'vue'

/**
 * One kind of request a view makes again and again (a page of reconstructions, a re-rolled grid):
 * the latest answer, whether one is on its way, and the core's sentence when it fails. An answer
 * that arrives after a newer request was made is dropped, so fast clicking never shows stale data;
 * the previous answer stays on screen while the next one loads.
 */
export function useRequest<T>() {
  const data = shallowRef<T | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)
  let latest = 0

  async function run(load: () => Promise<T>): Promise<T | null> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await load()
      if (ticket !== latest) return null
      data.value = result
      error.value = null
      return result
    } catch (e) {
      if (ticket === latest) error.value = e instanceof Error ? e.message : String(e)
      return null
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  return { data, error, loading, run }
}
