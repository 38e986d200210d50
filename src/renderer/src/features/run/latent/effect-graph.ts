import { compileSizeExpression, sizeExpressionOf, type SizeVariables } from './size-expression'

/** What claygl's compositor hands size callbacks: the renderer (or echarts-gl's viewport stand-in for it). */
interface RendererLike {
  getWidth(): number
  getHeight(): number
  getDevicePixelRatio(): number
}
interface ParameterTarget {
  setParameter(name: string, value: unknown): void
}
type Parameters = Record<string, unknown>
interface EffectNode {
  parameters?: Parameters
  outputs?: Record<string, { parameters?: Parameters }>
}
export interface EffectGraph {
  nodes: EffectNode[]
  parameters?: Record<string, Parameters>
}

const variablesOf = (renderer: RendererLike, scale: number): SizeVariables => ({
  width: renderer.getWidth() * scale,
  height: renderer.getHeight() * scale,
  dpr: renderer.getDevicePixelRatio(),
})

/**
 * Replaces every `expr(…)` string of a claygl compositor graph with the function claygl would have
 * built from it with `new Function`, in the two forms claygl accepts functions:
 * - texture `width` / `height`: called with the renderer, scaled by the texture's `scale` (claygl's
 *   `createSizeParser`);
 * - node parameters (e.g. `textureSize`): a `beforerender` handler that sets the parameter
 *   (claygl's `createSizeSetHandler`).
 * Returns how many expressions it replaced. The graph is changed in place.
 */
export function compileEffectGraph(graph: EffectGraph): number {
  let replaced = 0
  const textureSizes = (parameters: Parameters | undefined) => {
    if (!parameters) return
    const scale = typeof parameters.scale === 'number' ? parameters.scale : 1
    for (const name of ['width', 'height']) {
      const expression = sizeExpressionOf(parameters[name])
      if (expression === null) continue
      const size = compileSizeExpression(expression)
      parameters[name] = (renderer: RendererLike) => size(variablesOf(renderer, scale))
      replaced++
    }
  }
  for (const parameters of Object.values(graph.parameters ?? {})) textureSizes(parameters)
  for (const node of graph.nodes) {
    for (const output of Object.values(node.outputs ?? {})) textureSizes(output.parameters)
    for (const [name, value] of Object.entries(node.parameters ?? {})) {
      const expression = sizeExpressionOf(value)
      if (expression === null) continue
      const size = compileSizeExpression(expression)
      node.parameters![name] = function (this: ParameterTarget, renderer: RendererLike) {
        this.setParameter(name, size(variablesOf(renderer, 1)))
      }
      replaced++
    }
  }
  return replaced
}
