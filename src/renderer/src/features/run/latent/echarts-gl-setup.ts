/**
 * echarts-gl, registered on echarts once for the whole app, made to work under the app's Content
 * Security Policy: every 3-D view builds claygl's post-effect compositor, whose size expressions
 * claygl turns into code with `new Function` (refused without 'unsafe-eval'; upstream issues
 * ecomfe/echarts-gl#472, pissang/claygl#133). Compiling those expressions here first, into plain
 * functions, leaves claygl nothing to eval.
 */
import 'echarts-gl'
import effectGraph from 'echarts-gl/lib/effect/composite.js'
import { compileEffectGraph } from './effect-graph'

compileEffectGraph(effectGraph)
