/** echarts-gl's post-effect graph (a claygl compositor description), which `echarts-gl-setup.ts` compiles. */
declare module 'echarts-gl/lib/effect/composite.js' {
  import type { EffectGraph } from './effect-graph'
  const graph: EffectGraph
  export default graph
}
