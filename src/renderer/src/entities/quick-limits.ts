/** The reference model on a subset of the data: a run that takes seconds, to try an idea out. */
export const QUICK_LIMITS = { epochs: 3, trainLimit: 2000, valLimit: 500, evalLimit: 500 } as const
