import type { RunConfigInput } from '../../src/shared/run-config'

/** A real MNIST run small enough for a test: a few hundred samples, a couple of seconds an epoch. */
export const TINY_RUN: RunConfigInput = { epochs: 3, trainLimit: 400, valLimit: 100, evalLimit: 200, batchSize: 32 }
