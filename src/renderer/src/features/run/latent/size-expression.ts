/**
 * A compiler for the size expressions of echarts-gl's post-effect graph, e.g.
 * `[width * 1.0 / 2, height / 2]`: numbers, the names `width`, `height` and `dpr`, + − × ÷,
 * unary minus, parentheses and one outer array. claygl evaluates these with `new Function`, which
 * the app's Content Security Policy (no 'unsafe-eval') forbids; this evaluates them without eval.
 */

export type SizeVariables = { width: number; height: number; dpr: number }
export type SizeFunction = (variables: SizeVariables) => number | number[]
type Scalar = (v: SizeVariables) => number

const TOKEN = /\s*(\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/()[\],])/y
const NAMES = new Set(['width', 'height', 'dpr'])

function tokenize(text: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let position = 0
  while (position < text.length) {
    if (text.slice(position).trim() === '') break
    TOKEN.lastIndex = position
    const match = TOKEN.exec(text)
    if (!match) throw new SyntaxError(`unexpected “${text.slice(position).trim()[0]}” in size expression “${text}”`)
    tokens.push(match[1])
    position = TOKEN.lastIndex
  }
  return tokens
}

export function compileSizeExpression(text: string): SizeFunction {
  const tokens = tokenize(text)
  let i = 0
  const peek = () => tokens[i]
  const take = (expected?: string) => {
    const token = tokens[i++]
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new SyntaxError(`expected ${expected ?? 'more'} in size expression “${text}”`)
    }
    return token
  }

  function primary(): Scalar {
    const token = take()
    if (token === '(') {
      const inner = sum()
      take(')')
      return inner
    }
    if (token === '-') {
      const operand = primary()
      return (v) => -operand(v)
    }
    if (/^\d/.test(token)) {
      const value = Number(token)
      return () => value
    }
    if (NAMES.has(token)) {
      const name = token as keyof SizeVariables
      return (v) => v[name]
    }
    throw new SyntaxError(`unknown name “${token}” in size expression “${text}”`)
  }
  function product(): Scalar {
    let left = primary()
    while (peek() === '*' || peek() === '/') {
      const op = take()
      const a = left
      const b = primary()
      left = op === '*' ? (v) => a(v) * b(v) : (v) => a(v) / b(v)
    }
    return left
  }
  function sum(): Scalar {
    let left = product()
    while (peek() === '+' || peek() === '-') {
      const op = take()
      const a = left
      const b = product()
      left = op === '+' ? (v) => a(v) + b(v) : (v) => a(v) - b(v)
    }
    return left
  }

  let result: SizeFunction
  if (peek() === '[') {
    take('[')
    const items = [sum()]
    while (peek() === ',') {
      take(',')
      items.push(sum())
    }
    take(']')
    result = (v) => items.map((item) => item(v))
  } else {
    result = sum()
  }
  if (i !== tokens.length) throw new SyntaxError(`unexpected “${tokens[i]}” in size expression “${text}”`)
  return result
}

/** The expression inside claygl's `expr(…)` marker, or null for any other value. */
export function sizeExpressionOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^expr\((.*)\)$/.exec(value.trim())
  return match ? match[1] : null
}
