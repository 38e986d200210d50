/**
 * Import speed and peak memory for one long recording as a CSV and as a Parquet file of about the
 * same data, against reading the same files with pandas in the same run. Each import runs in a
 * fresh process (`seqvae import`, so the figure includes checking, windowing, normalising and
 * storing in SQLite), each pandas read too (read_csv / read_parquet, parsing the times).
 *
 *   npm run bench:import [-- --mb 200 --window 64]
 *
 * The files (ISO times, 3 features, a 0/1 label; about 52 bytes a CSV row) are generated in a
 * temporary folder and removed afterwards. Parquet is written by hyparquet-writer (Snappy).
 * pandas reads Parquet only with pyarrow or fastparquet installed; where neither is, that row says so.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { parquetWriteFile } from 'hyparquet-writer'
import { loadLine } from './lib/timing'

const { values: opts } = parseArgs({ options: { mb: { type: 'string', default: '200' }, window: { type: 'string', default: '64' } } })
const targetBytes = Number(opts.mb) * 1024 * 1024
const BYTES_PER_ROW = 52
const rows = Math.round(targetBytes / BYTES_PER_ROW)
const root = path.resolve(__dirname, '..')

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file)
  out.write('timestamp,temp,pressure,flow,label\n')
  const start = Date.UTC(2020, 0, 1)
  let lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + i * 10_000).toISOString().slice(0, 19) + 'Z'
    lines.push(`${t},${(20 + Math.sin(i / 50)).toFixed(6)},${(1000 + Math.cos(i / 70) * 5).toFixed(6)},${(0.5 + 0.4 * Math.sin(i / 13)).toFixed(6)},${i % 1000 === 0 ? 1 : 0}`)
    if (lines.length === 10_000) {
      if (!out.write(lines.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()))
      lines = []
    }
  }
  out.end(lines.length ? lines.join('\n') + '\n' : '')
  await new Promise<void>((r) => out.once('finish', () => r()))
}

function writeParquet(file: string, rows: number): void {
  const start = Date.UTC(2020, 0, 1)
  const wave = (f: (i: number) => number) => Float64Array.from({ length: rows }, (_, i) => f(i))
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'timestamp', data: Array.from({ length: rows }, (_, i) => new Date(start + i * 10_000).toISOString().slice(0, 19) + 'Z'), type: 'STRING' },
      { name: 'temp', data: wave((i) => 20 + Math.sin(i / 50)), type: 'DOUBLE' },
      { name: 'pressure', data: wave((i) => 1000 + Math.cos(i / 70) * 5), type: 'DOUBLE' },
      { name: 'flow', data: wave((i) => 0.5 + 0.4 * Math.sin(i / 13)), type: 'DOUBLE' },
      { name: 'label', data: Int32Array.from({ length: rows }, (_, i) => (i % 1000 === 0 ? 1 : 0)), type: 'INT32' },
    ],
  })
}

/** Wall seconds and peak resident memory (MB) of a command, from GNU time. */
function measure(command: string, args: string[]): { seconds: number; peakMb: number } | { failed: string } {
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) return { failed: (run.stderr.split('\n').find((l) => /Error/.test(l)) ?? 'failed').slice(0, 160) }
  const peakKb = Number(run.stderr.trim().split('\n').at(-1))
  return { seconds, peakMb: peakKb / 1024 }
}

function row(what: string, file: string, result: ReturnType<typeof measure>): void {
  const mb = statSync(file).size / 1024 / 1024
  if ('failed' in result) console.log(`| ${what} | ${mb.toFixed(0)} MB | — | — | ${result.failed} |`)
  else console.log(`| ${what} | ${mb.toFixed(0)} MB | ${result.seconds.toFixed(1)} s | ${(mb / result.seconds).toFixed(1)} MB/s | ${result.peakMb.toFixed(0)} MB |`)
}

const PANDAS_CSV = 'import sys, pandas as pd; df = pd.read_csv(sys.argv[1], parse_dates=["timestamp"]); print(len(df))'
const PANDAS_PARQUET = 'import sys, pandas as pd; df = pd.read_parquet(sys.argv[1]); df["timestamp"] = pd.to_datetime(df["timestamp"]); print(len(df))'

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-bench-import-'))
  try {
    const [csv, parquet] = [path.join(dir, 'recording.csv'), path.join(dir, 'recording.parquet')]
    await writeCsv(csv)
    // Parquet holds the same rows in about half the bytes: sized by a sample to match the CSV's size.
    writeParquet(parquet, 100_000)
    writeParquet(parquet, Math.round((targetBytes / statSync(parquet).size) * 100_000))
    console.log(`# one recording (CSV: ${rows.toLocaleString('en-US')} rows) × 3 features (+ time, label), window ${opts.window}, stride ${Number(opts.window) / 4}; ${loadLine('before')}`)
    console.log('| reader | file | time | speed | peak RSS |')
    console.log('|---|---|---|---|---|')
    const seqvae = (file: string, name: string) =>
      measure(process.execPath, [path.join(root, 'bin/seqvae.cjs'), 'import', file, '--name', name, '--window', String(opts.window), '--data-dir', path.join(dir, 'data'), '--json'])
    row('seqvae import, CSV (Papa Parse)', csv, seqvae(csv, 'csv'))
    row('seqvae import, Parquet (hyparquet)', parquet, seqvae(parquet, 'parquet'))
    const python = execFileSync('sh', ['-c', 'command -v python3 || true'], { encoding: 'utf8' }).trim() || 'python3'
    const debianPython = '/usr/bin/python3'
    const py = spawnSync(debianPython, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0 ? debianPython : python
    row('pandas read_csv (parse_dates)', csv, measure(py, ['-c', PANDAS_CSV, csv]))
    row('pandas read_parquet', parquet, measure(py, ['-c', PANDAS_PARQUET, parquet]))
    console.log(loadLine('after'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
