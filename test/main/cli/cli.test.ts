import Database from 'better-sqlite3'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../src/main/lab/data-dir'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

const runCount = (dataDir: string) => {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  const n = (db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n
  db.close()
  return n
}

describe('seqvae CLI', () => {
  const tempDir = useTempDirs()

  it('reports 15,194 parameters for the reference model', async () => {
    const r = await runCli(['model', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).params).toBe(15194)
    const lstm = JSON.parse((await runCli(['model', '--json', '--cell', 'lstm', '--hidden', '8', '--latent-dim', '2'])).stdout)
    // 4u(in+u+1) per LSTM, plus the dense heads: 4·8·(28+8+1) + 2·(8·2+2) + 4·8·(2+8+1) + 8·28+28
    expect(lstm.params).toBe(1184 + 36 + 352 + 252)
  })

  it('trains, lists, shows, exports latents and deletes a run', async () => {
    const dataDir = tempDir()
    const train = await runCli(['train', '--epochs', '2', '--train-limit', '600', '--val-limit', '200', '--eval-limit', '300', '--json', '--name', 'cli run', '--data-dir', dataDir])
    expect(train.code, train.stderr).toBe(0)
    const result = JSON.parse(train.stdout)
    expect(result).toMatchObject({ id: 1, status: 'finished', params: 15194 })
    expect(result.backend).toBeTruthy()
    expect(result.metrics).toHaveLength(2)
    expect(result.metrics[1].val_loss).toBeLessThan(result.metrics[0].val_loss)

    const runs = JSON.parse((await runCli(['runs', '--json', '--data-dir', dataDir])).stdout)
    expect(runs.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([['cli run', 'finished']])
    const show = await runCli(['show', '1', '--data-dir', dataDir])
    expect(show.stdout).toContain('run 1 "cli run" — finished')

    const csv = path.join(dataDir, 'codes.csv')
    const latents = await runCli(['latents', '1', '--out', csv, '--data-dir', dataDir])
    expect(latents.code, latents.stderr).toBe(0)
    const lines = readFileSync(csv, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('index,label,z_mean_0,z_mean_1,z_mean_2,z_log_var_0,z_log_var_1,z_log_var_2,recon_bce,recon_mse')
    expect(lines).toHaveLength(301)
    expect(lines[1].split(',').slice(0, 2)).toEqual(['0', '7'])

    const diagnose = await runCli(['diagnose', '1', '--json', '--data-dir', dataDir])
    expect(diagnose.code, diagnose.stderr).toBe(0)
    const diagnosis = JSON.parse(diagnose.stdout)
    expect([diagnosis.count, diagnosis.dim, diagnosis.dimensions.length]).toEqual([300, 3, 3])
    expect(diagnosis.dimensions[0].ks.pValue).toBeGreaterThanOrEqual(0)
    expect(typeof diagnosis.summary).toBe('string')

    const evaluate = await runCli(['evaluate', '1', '--iwae', '4', '--json', '--data-dir', dataDir])
    expect(evaluate.code, evaluate.stderr).toBe(0)
    const evaluation = JSON.parse(evaluate.stdout)
    expect(evaluation).toMatchObject({ runId: 1, k: 4, samples: 300, valuesPerSequence: 784, likelihood: 'bernoulli' })
    expect(evaluation.iwae.mean).toBeLessThan(0)
    const evaluatedText = await runCli(['evaluate', '1', '--iwae', '4', '--data-dir', dataDir])
    expect(evaluatedText.stdout).toContain(`IWAE-4    ${evaluation.iwae.mean.toFixed(2)} ± ${evaluation.iwae.standardError.toFixed(2)} nats per sequence`)

    const exportDir = path.join(dataDir, 'model')
    const exported = await runCli(['export-model', '1', '--out', exportDir, '--data-dir', dataDir])
    expect(exported.code, exported.stderr).toBe(0)
    const encoderJson = JSON.parse(readFileSync(path.join(exportDir, 'encoder', 'model.json'), 'utf8'))
    const names = encoderJson.weightsManifest[0].weights.map((w: { name: string }) => w.name)
    expect(names).toEqual(expect.arrayContaining(['encoder_rnn/kernel', 'encoder_rnn/recurrent_kernel', 'encoder_rnn/bias', 'z_mean/kernel']))
    expect(existsSync(path.join(exportDir, 'decoder', 'weights.bin'))).toBe(true)

    expect((await runCli(['delete', '1', '--data-dir', dataDir])).code).toBe(0)
    expect(runCount(dataDir)).toBe(0)
  })

  it('answers bad input with one sentence, a non-zero exit, and no change to the database', async () => {
    const dataDir = tempDir()
    await runCli(['runs', '--data-dir', dataDir]) // creates the empty database
    const cases: [string[], string][] = [
      [['train', '--bogus'], 'seqvae train: unknown option --bogus'],
      [['train', '--latent-dim', '0'], 'seqvae train: latentDim must be an integer between 1 and 64'],
      [['train', '--epochs', 'many'], 'seqvae train: epochs must be an integer between 1 and 10000'],
      [['train', '--dataset', 'cifar'], 'seqvae train: unknown dataset "cifar"; available: mnist'],
      [['train', '--likelihood', 'poisson'], 'seqvae train: likelihood must be one of: bernoulli, gaussian'],
      [['show'], 'seqvae show: missing run id (see `seqvae runs`)'],
      [['show', 'abc'], 'seqvae show: "abc" is not a run id (a positive integer)'],
      [['show', '42'], 'seqvae show: run 42 does not exist'],
      [['delete', '42'], 'seqvae delete: run 42 does not exist'],
      [['latents', '42'], 'seqvae latents: --out FILE.csv is required'],
      [['evaluate', '42'], 'seqvae evaluate: run 42 does not exist'],
      [['evaluate', '1', '--iwae', '0'], 'seqvae evaluate: --iwae must be an integer from 1 to 10000, not "0"'],
      [['frobnicate'], 'seqvae: unknown command "frobnicate"'],
    ]
    for (const [args, message] of cases) {
      const r = await runCli([...args, ...(args[0] === 'frobnicate' ? [] : ['--data-dir', dataDir])])
      expect(r.code, args.join(' ')).not.toBe(0)
      expect(r.stderr.trim().split('\n')[0], args.join(' ')).toContain(message)
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /) // no stack trace
    }
    expect(runCount(dataDir)).toBe(0)
  })

  it('says so when the data directory cannot be written', async () => {
    // A data directory below a regular file can never be created, whoever runs the test (root too).
    const file = path.join(tempDir(), 'a-file')
    writeFileSync(file, '')
    const r = await runCli(['runs', '--data-dir', path.join(file, 'data')])
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim()).toMatch(/^seqvae runs: the data directory .*a-file\/data is not writable \(ENOTDIR\)$/)
  })
})
