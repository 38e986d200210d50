import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

const FIXTURES = path.join(__dirname, '../../fixtures/import')

/** 150 sines of 12 steps around 100 ± 30 as a tab-separated UCR file; every tenth (label 1) has a spike. */
function sinesWithSpikes(): string {
  const rows: string[] = []
  for (let i = 0; i < 150; i++) {
    const spike = i % 10 === 0
    const values = Array.from({ length: 12 }, (_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 12 + i / 7) + (spike && t === 6 ? 60 : 0))
    rows.push([spike ? 1 : 0, ...values.map((v) => v.toFixed(3))].join('\t'))
  }
  return rows.join('\n') + '\n'
}

describe('seqvae import, datasets and score', () => {
  const tempDir = useTempDirs()

  it('import a file, list it with its provenance, train on it and score new data with the run', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'Sensor_TRAIN.tsv')
    writeFileSync(file, sinesWithSpikes())

    const imported = await runCli(['import', file, '--data-dir', dir])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout.split('\n')[0]).toBe('imported "sensor_train" from Sensor_TRAIN.tsv: 150 series × 12 steps × 1 feature')
    expect(imported.stdout).toContain('2 classes (0, 1), min-max normalised, 120 to train on and 30 held out for testing')

    const listed = JSON.parse((await runCli(['datasets', '--json', '--data-dir', dir])).stdout)
    const entry = listed.find((d: { name: string }) => d.name === 'sensor_train')
    expect(entry).toMatchObject({ steps: 12, features: 1, trainCount: 120, testCount: 30, kind: 'series', available: true })
    expect(entry.importedFrom).toMatchObject({ format: 'ucr', source: { file: 'Sensor_TRAIN.tsv', rows: 150 }, normalisation: { kind: 'min-max' } })
    expect(listed.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['mnist', 'synthetic-sines', 'fashion-mnist']))
    const table = (await runCli(['datasets', '--data-dir', dir])).stdout
    expect(table).toMatch(/sensor_train\s+12×1\s+120\s+30\s+2\s+likelihood bernoulli\s+Sensor_TRAIN\.tsv \(ucr, min-max, imported \d{4}-\d\d-\d\d\)/)

    const train = await runCli(['train', '--dataset', 'sensor_train', '--epochs', '2', '--hidden', '8', '--batch-size', '16', '--lr', '0.01', '--json', '--data-dir', dir])
    expect(train.code, train.stderr).toBe(0)
    expect(JSON.parse(train.stdout)).toMatchObject({ id: 1, status: 'finished' })

    const out = path.join(dir, 'scores.csv')
    const steps = path.join(dir, 'steps.csv')
    const score = await runCli(['score', '1', '--data', file, '--out', out, '--steps-out', steps, '--samples', '4', '--data-dir', dir])
    expect(score.code, score.stderr).toBe(0)
    expect(score.stdout).toContain(`scored 150 series with run 1 (4 samples of z each) into ${out}`)
    expect(score.stdout).toContain('15 of 150 are anomalies (by their labels):')
    expect(score.stdout).toMatch(/max_step_mse\s+0\.\d{4}\s+0\.\d{4}/)
    const rows = readFileSync(out, 'utf8').trim().split('\n')
    expect(rows[0]).toBe('index,label,anomalous,bce,mse,max_step_mse,nll')
    expect(rows).toHaveLength(151)
    expect(rows[1].split(',').slice(0, 3)).toEqual(['0', '1', '1'])
    expect(rows[2].split(',').slice(0, 3)).toEqual(['1', '0', '0'])
    expect(rows.slice(1).every((r) => r.split(',').slice(3).every((v) => Number.isFinite(Number(v)) && Number(v) >= 0))).toBe(true)
    const stepRows = readFileSync(steps, 'utf8').trim().split('\n')
    expect(stepRows[0]).toBe('index,step,mse,nll')
    expect(stepRows).toHaveLength(1 + 150 * 12)

    const json = JSON.parse((await runCli(['score', '1', '--data', file, '--out', out, '--json', '--data-dir', dir])).stdout)
    expect(json).toMatchObject({ run: 1, count: 150, samples: 16, evaluation: { anomalies: 15 } })
    expect(json.evaluation.scores.map((s: { score: string }) => s.score)).toEqual(['bce', 'mse', 'max_step_mse', 'nll'])

    // Data with another number of features than the run's model cannot be scored.
    const wrong = await runCli(['score', '1', '--data', path.join(FIXTURES, 'long.csv'), '--out', out, '--data-dir', dir])
    expect(wrong.stderr.trim()).toBe(`seqvae score: ${path.join(FIXTURES, 'long.csv')} has 2 features per step but run 1 was trained on 1`)
  })

  it('train a z-scored import with the Gaussian likelihood it suggests, and score it without a BCE column', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'sensor.tsv')
    writeFileSync(file, sinesWithSpikes())
    expect((await runCli(['import', file, '--normalise', 'z-score', '--data-dir', dir])).code).toBe(0)

    const train = await runCli(['train', '--dataset', 'sensor', '--bidirectional', '--epochs', '2', '--hidden', '8', '--json', '--data-dir', dir])
    expect(train.code, train.stderr).toBe(0)
    expect(JSON.parse(train.stdout)).toMatchObject({ status: 'finished' })
    const shown = JSON.parse((await runCli(['show', '1', '--json', '--data-dir', dir])).stdout)
    expect(shown.config).toMatchObject({ likelihood: 'gaussian', bidirectional: true })

    const out = path.join(dir, 'scores.csv')
    const score = await runCli(['score', '1', '--data', file, '--out', out, '--samples', '4', '--json', '--data-dir', dir])
    expect(score.code, score.stderr).toBe(0)
    expect(JSON.parse(score.stdout).evaluation.scores.map((s: { score: string }) => s.score)).toEqual(['mse', 'max_step_mse', 'nll'])
    const rows = readFileSync(out, 'utf8').trim().split('\n')
    expect(rows[0]).toBe('index,label,anomalous,mse,max_step_mse,nll')
    expect(rows.slice(1).every((r) => r.split(',').slice(3).every((v) => Number.isFinite(Number(v)) && Number(v) >= 0))).toBe(true)
  })

  it('answer bad input with one sentence and import nothing', async () => {
    const dir = tempDir()
    const cases: [string[], string][] = [
      [['import'], 'seqvae import: missing FILE (a UCR/UEA text file, a CSV table, a Parquet or Arrow file, a long CSV or an .npy array)'],
      [['import', path.join(FIXTURES, 'malformed', 'ragged.csv')], `seqvae import: ${path.join(FIXTURES, 'malformed', 'ragged.csv')}, line 3 has 3 values but line 1 has 4`],
      [['import', path.join(FIXTURES, 'ucr-comma.csv'), '--format', 'excel'], 'seqvae import: format must be one of: ucr, long-csv, npy'],
      [['import', path.join(FIXTURES, 'ucr-comma.csv'), '--steps', 'ten'], 'seqvae import: steps must be an integer between 1 and 100000'],
      [['score', '1', '--out', 'x.csv'], 'seqvae score: --data FILE is required (the series to score)'],
      [['score', '1', '--data', 'x.csv'], 'seqvae score: --out FILE.csv is required'],
      [['score', '7', '--data', path.join(FIXTURES, 'ucr-comma.csv'), '--out', path.join(dir, 'o.csv')], 'seqvae score: run 7 does not exist'],
      [['score', '1', '--data', 'x', '--out', 'y', '--samples', '0'], 'seqvae score: samples must be an integer between 1 and 1000'],
    ]
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--data-dir', dir])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')[0], args.join(' ')).toContain(message)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    const listed = JSON.parse((await runCli(['datasets', '--json', '--data-dir', dir])).stdout)
    expect(listed.every((d: { imported: boolean; importedFrom: unknown }) => d.imported === false && d.importedFrom === null)).toBe(true)
  })
})
