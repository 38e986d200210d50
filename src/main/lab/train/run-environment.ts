import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import type { RunEnvironment } from '../../../shared/api'

const RECORDED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'better-sqlite3',
  'zod',
]

function installedVersion(name: string): string | null {
  try {
    const file = createRequire(__filename).resolve(`${name}/package.json`)
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return null
  }
}

/** What a run needs on record to be re-run exactly: engine, backend, runtime and package versions. */
export function describeEnvironment(engine: string, backend: string): RunEnvironment {
  const packages: Record<string, string> = {}
  for (const name of RECORDED_PACKAGES) {
    const v = installedVersion(name)
    if (v) packages[name] = v
  }
  return {
    engine,
    backend,
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    cpus: os.cpus().length,
    packages,
  }
}
