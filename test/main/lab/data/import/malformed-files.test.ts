import { closeSync, openSync, ftruncateSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importDataset } from '../../../../../src/main/lab/data/import/dataset-import'
import { MAX_IMPORT_BYTES, type ImportInput } from '../../../../../src/main/lab/data/import/import-file'
import type { ImportOptions } from '../../../../../src/main/lab/data/import/dataset-import'
import { WorkbenchStore } from '../../../../../src/main/lab/store/workbench-store'
import { isUserError } from '../../../../../src/shared/errors'
import { useTempDirs } from '../../../../helpers/temp-dir'

const FIXTURES = path.join(__dirname, '../../../../fixtures/import')
const fixture = (name: string) => path.join(FIXTURES, name)
const bad = (name: string) => fixture(path.join('malformed', name))
const table = (name: string) => fixture(path.join('tables', name))

/** Each malformed input, with the exact sentence it must give. */
const CASES: [string, ImportInput, ImportOptions, string][] = [
  ['ragged UCR rows', { path: bad('ragged.csv') }, {}, `${bad('ragged.csv')}, line 3 has 3 values but line 1 has 4; every row needs the same number (pad shorter series with trailing NaN)`],
  ['text in a UCR value', { path: bad('text-in-number.csv') }, {}, `${bad('text-in-number.csv')}, line 2, column 4: "abc" is not a finite number`],
  ['NaN inside a UCR series', { path: bad('nan-inside.tsv') }, {}, `${bad('nan-inside.tsv')}, line 2, column 3: NaN is not allowed inside a series (only trailing NaN, marking a shorter series)`],
  ['an empty file', { path: bad('empty.csv') }, {}, `${bad('empty.csv')} is empty`],
  ['only blank lines', { path: bad('blank.csv') }, {}, `${bad('blank.csv')} holds no series`],
  ['ragged long-CSV rows', { path: bad('long-ragged.csv') }, {}, `${bad('long-ragged.csv')}, line 3 has 3 fields but the header has 4`],
  ['text in a long-CSV value', { path: bad('long-text.csv') }, {}, `${bad('long-text.csv')}, line 3, column 3 (x): "high" is not a finite number`],
  ['a repeated time', { path: bad('long-duplicate-t.csv') }, {}, `${bad('long-duplicate-t.csv')}, lines 3 and 5: series "s1" has two rows at t = 1`],
  ['a label that changes within a series', { path: bad('long-label-changes.csv') }, {}, `${bad('long-label-changes.csv')}, line 4: series "s1" has label "bad" here but "ok" on line 2; a series has one label`],
  ['a header without features', { path: bad('long-no-feature.csv') }, {}, `${bad('long-no-feature.csv')}, line 1: the header must be series_id,t,<feature>…[,label] with at least one feature column; found "series_id,t"`],
  ['NaN in an npy array', { path: bad('nan.npy') }, {}, `${bad('nan.npy')}: series 3, step 4, feature 1 is NaN; only finite values can be imported`],
  ['integer series', { path: bad('int-series.npy') }, {}, `${bad('int-series.npy')} holds integers; the series must be float32 or float64`],
  ['a truncated npy file', { path: bad('truncated.npy') }, {}, `${bad('truncated.npy')} should hold 240 bytes of data for shape (5, 6, 2) but holds 233`],
  ['too few labels', { path: fixture('series-f32.npy') }, { labels: { path: bad('labels-too-few.npy') } }, `${bad('labels-too-few.npy')} holds 3 labels for 5 series`],
  ['float labels', { path: fixture('series-f32.npy') }, { labels: { path: fixture('series-2d.npy') } }, `${fixture('series-2d.npy')} holds floats; labels must be integers`],
  ['a labels file for text data', { path: fixture('ucr-comma.csv') }, { labels: { path: fixture('labels-i64.npy') } }, 'a labels file goes with .npy data only; UCR files have the label in their first column'],
  ['text given as npy', { path: fixture('long.csv') }, { format: 'npy' }, `${fixture('long.csv')} is not a .npy file (it does not start with \\x93NUMPY)`],
  ['a missing file', { path: fixture('no-such-file.csv') }, {}, `cannot read ${fixture('no-such-file.csv')} (ENOENT)`],
  ['a directory', { path: FIXTURES }, {}, `${FIXTURES} is a directory, not a file`],
  ['a single series', { name: 'one.csv', bytes: Buffer.from('1,0.5,0.6\n') }, {}, 'one.csv holds only 1 series; a dataset needs at least 2 (some are held out for testing)'],
  ['an unknown format', { path: fixture('ucr-comma.csv') }, { format: 'xlsx' as never }, 'format must be one of: ucr, long-csv, npy, wide, series'],
  ['a bad normalisation', { path: fixture('ucr-comma.csv') }, { normalisation: 'log' as never }, 'normalisation must be one of: min-max, z-score, none'],
  ['a bad step count', { path: fixture('ucr-comma.csv') }, { steps: 0 }, 'steps must be an integer between 1 and 100000'],
  ['a bad name', { path: fixture('ucr-comma.csv') }, { name: 'my data!' }, 'dataset name "my data!" must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit'],
  ['a missing value in a recording', { path: table('recording-gaps.csv') }, { window: 4 }, `${table('recording-gaps.csv')}, line 6, column 3 (b): the value is missing; to fill gaps from their neighbours choose “interpolate” for missing values (--missing interpolate), or “drop” to leave out such rows (--missing drop)`],
  ['a recording too short for its window', { path: table('recording-yyyymmdd.csv') }, { window: 8 }, `${table('recording-yyyymmdd.csv')} has 30 timestamps, too few for windows of 8: training, validation and evaluation windows a window apart need at least 40 (5 windows); choose a smaller window`],
  ['a stride longer than the window', { path: table('recording-yyyymmdd.csv') }, { window: 4, stride: 5 }, 'stride (5) must not exceed the window (4), or some timestamps would be in no window'],
  ['a time column that is not times', { path: table('wide-elnino.csv') }, { format: 'series', timeColumn: 'CLASS' }, `${table('wide-elnino.csv')}: column "CLASS" does not read as times (ISO 8601 dates, YYYYMMDD, epoch seconds or numbers); choose another with --time-column`],
  ['a built-in name', { path: fixture('ucr-comma.csv') }, { name: 'mnist' }, '"mnist" is a built-in dataset; choose another name'],
]

const countRows = (store: WorkbenchStore) =>
  store.db.prepare<[], { n: number }>('SELECT (SELECT COUNT(*) FROM datasets) + (SELECT COUNT(*) FROM dataset_chunks) AS n').get()!.n

describe('malformed imports', () => {
  const tempDir = useTempDirs()

  it.each(CASES)('refuse %s with one sentence and import nothing', async (_case, input, options, sentence) => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      const error = await importDataset(store.datasets, input, options, ['mnist']).then(
        () => null,
        (e: unknown) => e,
      )
      expect(isUserError(error), String(error)).toBe(true)
      expect((error as Error).message).toBe(sentence)
      expect(countRows(store)).toBe(0)
    } finally {
      store.close()
    }
  })

  it('refuses a file over 2 GB before reading it', async () => {
    // A sparse file: 2 GB + 1 byte on paper, no blocks on disk, so the test is instant.
    const file = path.join(tempDir(), 'huge.csv')
    const fd = openSync(file, 'w')
    ftruncateSync(fd, MAX_IMPORT_BYTES + 1)
    closeSync(fd)
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      await expect(importDataset(store.datasets, { path: file }, {}, [])).rejects.toThrow(`${file} has 2,147,483,649 bytes, more than the 2 GB that can be imported`)
      expect(countRows(store)).toBe(0)
    } finally {
      store.close()
    }
  })

  it('refuses a second dataset of the same name and keeps the first', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      const first = await importDataset(store.datasets, { path: fixture('ucr-comma.csv') }, { name: 'ecg' }, [])
      await expect(importDataset(store.datasets, { path: fixture('long.csv') }, { name: 'ecg' }, [])).rejects.toThrow(
        'a dataset named "ecg" already exists; choose another name',
      )
      expect(store.datasets.list()).toEqual([first])
    } finally {
      store.close()
    }
  })
})
