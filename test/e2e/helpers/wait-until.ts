/** Polls `probe` every `intervalMs` until it returns something other than undefined, and returns that. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, { timeoutMs = 60_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
