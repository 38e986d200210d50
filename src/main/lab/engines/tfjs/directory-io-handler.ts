import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, resolve, isAbsolute } from 'node:path'
import * as tf from '@tensorflow/tfjs'

const MODEL_FILE = 'model.json'
const WEIGHTS_FILE = 'weights.bin'

/**
 * tfjs IOHandlers for a directory holding `model.json` + `weights.bin` (the TensorFlow.js Layers
 * format). tfjs only ships a file:// handler inside tfjs-node, which is optional here, so node:fs
 * does the work.
 */
export function directorySaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('only Layers models (JSON topology) can be saved as model.json')
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0)
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      }
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weights))
      await writeFile(join(dir, MODEL_FILE), JSON.stringify(modelJson))
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) }
    },
  }
}

export function directoryLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')) as tf.io.ModelJSON
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const buffers = await Promise.all(manifest.flatMap((group) => group.paths).map((path) => readInside(dir, path)))
        return [manifest.flatMap((group) => group.weights), tf.io.CompositeArrayBuffer.join(buffers)]
      })
    },
  }
}

/** Reads a weights file named by the manifest, refusing paths that leave the model directory. */
async function readInside(dir: string, path: string): Promise<ArrayBuffer> {
  const file = resolve(dir, path)
  const rel = relative(resolve(dir), file)
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`model.json in ${dir} names a weights file outside it: ${path}`)
  const bytes = await readFile(file)
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
