import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../../../shared/errors'

/** Files larger than this are refused before a byte is read. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3

/** A file to import: a path on this machine (CLI, desktop app), or bytes received (browser upload). */
export type ImportInput = { path: string } | { name: string; bytes: Uint8Array }

const formatBytes = (n: number) => {
  const [value, unit] = n >= 1024 ** 3 ? [n / 1024 ** 3, 'GB'] : n >= 1024 ** 2 ? [n / 1024 ** 2, 'MB'] : [n, 'bytes']
  return `${Number(value.toFixed(1))} ${unit}`
}

/**
 * One input file, checked for size when opened and read once or more: as lines (text formats) or
 * whole (npy). The SHA-256 of its bytes is known after a complete read, for provenance.
 */
export class ImportFile {
  private digest: string | null = null

  private constructor(
    private readonly input: ImportInput,
    /** How messages name the file: the path as given, or the upload's name. */
    readonly label: string,
    readonly size: number,
  ) {}

  static async open(input: ImportInput, maxBytes = MAX_IMPORT_BYTES): Promise<ImportFile> {
    const label = 'path' in input ? input.path : input.name
    const size = 'path' in input ? await fileSize(input.path) : input.bytes.byteLength
    if (size > maxBytes) {
      throw new UserError(`${label} has ${size.toLocaleString('en-US')} bytes, more than the ${formatBytes(maxBytes)} that can be imported`)
    }
    if (size === 0) throw new UserError(`${label} is empty`)
    return new ImportFile(input, label, size)
  }

  /** The file's name without its directories, kept as provenance. */
  get fileName(): string {
    return 'path' in this.input ? path.basename(this.input.path) : this.input.name
  }

  get extension(): string {
    return path.extname(this.fileName).toLowerCase()
  }

  /** SHA-256 (hex) of the bytes, once a read has gone through the whole file. */
  get sha256(): string {
    if (this.digest === null) throw new Error(`${this.label} has not been read to its end yet`)
    return this.digest
  }

  async bytes(): Promise<Uint8Array> {
    const bytes = 'path' in this.input ? await this.readPath(this.input.path) : this.input.bytes
    this.digest = createHash('sha256').update(bytes).digest('hex')
    return bytes
  }

  /**
   * The file as text (UTF-8, a leading byte-order mark removed) in pieces, streamed so a large file
   * never sits in memory as one string. Stopping early leaves the hash unknown.
   */
  async *text(): AsyncGenerator<string> {
    const hash = createHash('sha256')
    const decoder = new TextDecoder('utf-8')
    let first = true
    for await (const chunk of this.chunks(hash)) {
      let piece = decoder.decode(chunk, { stream: true })
      if (first && piece.length > 0) {
        if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1)
        first = false
      }
      if (piece.length > 0) yield piece
    }
    const rest = decoder.decode()
    if (rest.length > 0) yield rest
    this.digest = hash.digest('hex')
  }

  /** The file's lines (`\r` line ends removed), from `text()`. */
  async *lines(): AsyncGenerator<string> {
    let pending = ''
    for await (const piece of this.text()) {
      pending += piece
      let start = 0
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        yield stripCarriageReturn(pending.slice(start, end))
        start = end + 1
      }
      pending = pending.slice(start)
    }
    if (pending.length > 0) yield stripCarriageReturn(pending)
  }

  /** The start of the text, up to about `chars` characters (whole lines where the text has them). */
  async head(chars: number): Promise<string> {
    let text = ''
    for await (const piece of this.text()) {
      text += piece
      if (text.length >= chars) break
    }
    return text
  }

  /**
   * The 1-based line at a character offset of `text()`, read again from the start: only asked for
   * when a message names a line. Line ends at the offset (blank lines a reader skipped) are passed.
   */
  async lineAt(offset: number): Promise<number> {
    let line = 1
    let seen = 0
    for await (const piece of this.text()) {
      for (let i = 0; i < piece.length; i++, seen++) {
        const c = piece.charCodeAt(i)
        if (seen >= offset && c !== 10 && c !== 13) return line
        if (c === 10) line++
      }
    }
    return line
  }

  private async *chunks(hash: Hash): AsyncGenerator<Uint8Array> {
    if (!('path' in this.input)) {
      hash.update(this.input.bytes)
      yield this.input.bytes
      return
    }
    try {
      for await (const chunk of createReadStream(this.input.path, { highWaterMark: 1 << 20 })) {
        hash.update(chunk as Buffer)
        yield chunk as Buffer
      }
    } catch (e) {
      throw cannotRead(this.label, e)
    }
  }

  private async readPath(file: string): Promise<Uint8Array> {
    try {
      return await readFile(file)
    } catch (e) {
      throw cannotRead(this.label, e)
    }
  }
}

/** The size on disk, read without opening the file, so a huge one is refused before any reading. */
async function fileSize(file: string): Promise<number> {
  let s
  try {
    s = await stat(file)
  } catch (e) {
    throw cannotRead(file, e)
  }
  if (s.isDirectory()) throw new UserError(`${file} is a directory, not a file`)
  return s.size
}

const cannotRead = (label: string, e: unknown) =>
  new UserError(`cannot read ${label} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'not-found')

const stripCarriageReturn = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line)
