import { expect } from 'vitest'
import { isUserError } from '../../src/shared/errors'

/** The rejection's message, after checking it is a UserError of that kind (a sentence for a person, not a crash). */
export async function userError(promise: Promise<unknown>, kind = 'invalid'): Promise<string> {
  try {
    await promise
  } catch (e) {
    expect(isUserError(e), String(e)).toBe(true)
    expect((e as { kind: string }).kind).toBe(kind)
    return (e as Error).message
  }
  throw new Error('expected a UserError')
}
