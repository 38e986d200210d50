import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'

/**
 * A folder as a zip archive, every file under `root/` in it: how a browser gets an exported model
 * (the desktop app and the CLI write the folder itself). fflate: a small, maintained, pure-JS zip
 * writer; model.json compresses well, weights.bin barely, so the level stays moderate.
 */
export function zipFolder(dir: string, root: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {}
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name)
      if (entry.isDirectory()) walk(child)
      else entries[[root, ...child.split(path.sep)].join('/')] = new Uint8Array(readFileSync(path.join(dir, child)))
    }
  }
  walk('')
  return zipSync(entries, { level: 6 })
}
