/** "1 series", "2 features", "12,000 steps": a count and its noun, for messages and summaries. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
