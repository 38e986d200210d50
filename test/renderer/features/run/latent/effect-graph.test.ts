// The module declaration of echarts-gl's effect graph lives with the renderer, outside this program.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../../../src/renderer/src/features/run/latent/echarts-gl-effects.d.ts" />
import effectGraph from 'echarts-gl/lib/effect/composite.js'
import { describe, expect, it } from 'vitest'
import { compileEffectGraph, type EffectGraph } from '../../../../../src/renderer/src/features/run/latent/effect-graph'
import { compileSizeExpression, sizeExpressionOf } from '../../../../../src/renderer/src/features/run/latent/size-expression'

/** What claygl itself does with an expression (allowed here in Node, refused under the app's CSP). */
const evalLikeClaygl = (expression: string) => new Function('width', 'height', 'dpr', `return ${expression}`) as (w: number, h: number, d: number) => unknown

const renderer = (width: number, height: number, dpr: number) => ({ getWidth: () => width, getHeight: () => height, getDevicePixelRatio: () => dpr })

describe('CSP-safe size expressions', () => {
  it('evaluates arithmetic on width, height and dpr, with precedence, parentheses and unary minus', () => {
    const v = { width: 800, height: 600, dpr: 2 }
    expect(compileSizeExpression('width * 1.0 / 2')(v)).toBe(400)
    expect(compileSizeExpression('[width * 1.0 / 16, height / 16]')(v)).toEqual([50, 37.5])
    expect(compileSizeExpression('width - height * 2 + dpr')(v)).toBe(-398)
    expect(compileSizeExpression('(width - height) * -dpr')(v)).toBe(-400)
  })

  it('refuses anything but that arithmetic', () => {
    expect(() => compileSizeExpression('alert(1)')).toThrow(/unknown name “alert”/)
    expect(() => compileSizeExpression('width; 1')).toThrow(SyntaxError)
    expect(() => compileSizeExpression('width *')).toThrow(SyntaxError)
    expect(() => compileSizeExpression('[width, height')).toThrow(SyntaxError)
    expect(() => compileSizeExpression('width height')).toThrow(/unexpected “height”/)
  })

  it('finds the expression inside claygl’s expr(…) marker only', () => {
    expect(sizeExpressionOf('expr( [width, height] )')).toBe(' [width, height] ')
    expect(sizeExpressionOf('#source(x)')).toBeNull()
    expect(sizeExpressionOf(2)).toBeNull()
  })

  it('compiles every expression of echarts-gl’s effect graph to what claygl’s eval would compute', () => {
    const graph = structuredClone(effectGraph) as EffectGraph
    const original = structuredClone(effectGraph) as EffectGraph
    const replaced = compileEffectGraph(graph)
    expect(replaced).toBeGreaterThan(60)
    expect(JSON.stringify(graph)).not.toContain('expr(')

    const r = renderer(1037, 613, 2)
    let checked = 0
    original.nodes.forEach((node, n) => {
      for (const [pin, output] of Object.entries(node.outputs ?? {})) {
        const params = output.parameters ?? {}
        const scale = typeof params.scale === 'number' ? params.scale : 1
        for (const name of ['width', 'height']) {
          const expression = sizeExpressionOf(params[name])
          if (expression === null) continue
          const compiled = graph.nodes[n].outputs![pin].parameters![name] as (renderer: unknown) => unknown
          expect(compiled(r)).toEqual(evalLikeClaygl(expression)(1037 * scale, 613 * scale, 2))
          checked++
        }
      }
      for (const [name, value] of Object.entries(node.parameters ?? {})) {
        const expression = sizeExpressionOf(value)
        if (expression === null) continue
        const set: Record<string, unknown> = {}
        const handler = graph.nodes[n].parameters![name] as (this: { setParameter(k: string, v: unknown): void }, renderer: unknown) => void
        handler.call({ setParameter: (k, v) => (set[k] = v) }, r)
        expect(set[name]).toEqual(evalLikeClaygl(expression)(1037, 613, 2))
        checked++
      }
    })
    expect(checked).toBe(replaced)
  })
})
