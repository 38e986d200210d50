import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const PACKAGE_NAME = 'seqvae-workbench'

/**
 * The folder holding the app's package.json: the checkout under Node and `electron-vite`, or
 * `resources/app.asar` in an installed app (Electron reads inside the archive like a folder).
 * Found by walking up from this file, so the same code works from src/ under tsx and from the
 * bundles in out/.
 */
export function findAppRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return dir
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`)
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
  } catch {
    return undefined
  }
}

/**
 * Where a native file really lies: the packager unpacks `.node` files next to the archive
 * (`app.asar.unpacked/…`, see electron-builder.json's asarUnpack) because the operating system
 * can only load a library from a real file.
 */
export function unpackedPath(file: string): string {
  const archive = `${path.sep}app.asar${path.sep}`
  return file.includes(archive) ? file.replace(archive, `${path.sep}app.asar.unpacked${path.sep}`) : file
}
