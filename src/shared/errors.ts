import type { z } from 'zod'

/**
 * An error meant for the user: its message is one clear sentence, shown as is by every shell
 * (CLI line, HTTP 4xx body, UI banner). Anything else that escapes is a bug and is reported as such.
 */
export class UserError extends Error {
  override readonly name = 'UserError'
  constructor(
    message: string,
    /** HTTP-ish category so the server can pick a status without parsing messages. */
    readonly kind: 'invalid' | 'not-found' | 'conflict' | 'unavailable' = 'invalid',
  ) {
    super(message)
  }
}

/** Turns a zod failure into sentences, e.g. "latentDim must be an integer between 1 and 64". */
export function describeValidationError(error: z.ZodError): string {
  const sentences = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
    const path = issue.path.map(String).join('.')
    // Our schemas write messages that already start with the field name; zod's generic ones do not.
    return path && !issue.message.startsWith(path.split('.').pop() ?? '') ? `${path}: ${issue.message}` : issue.message
  })
  return [...new Set(sentences)].join('; ')
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError'
}
