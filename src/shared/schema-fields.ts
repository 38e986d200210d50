import { z } from 'zod'

/**
 * Number fields for the contract's zod schemas, whose every failure reads as one sentence naming
 * the field and its range ("latentDim must be an integer between 1 and 64"), whichever check failed.
 */
export const integer = (name: string, min: number, max: number, message = `${name} must be an integer between ${min} and ${max}`) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
