import { describe, expect, it } from 'vitest'
import { datasetNameFromFile, formatBytes, isNpyFile, uploadRefusal } from '../../../../src/renderer/src/features/datasets/upload-check'
import { MAX_UPLOAD_BYTES } from '../../../../src/shared/datasets'

describe('checking a file before it is uploaded', () => {
  it('names the dataset as the Lab would from the file name', () => {
    expect(datasetNameFromFile('Spiky Sines.csv')).toBe('spiky-sines')
    expect(datasetNameFromFile('ECG200_TRAIN.tsv')).toBe('ecg200_train')
    expect(datasetNameFromFile('__weird (copy).npy')).toBe('weird-copy')
    expect(datasetNameFromFile('C:\\data\\x.y.csv')).toBe('x.y')
    expect(datasetNameFromFile('!!!.csv')).toBe('imported')
    expect(datasetNameFromFile(`${'a'.repeat(80)}.csv`)).toHaveLength(64)
  })

  it('refuses a file over the upload limit before sending it, pointing at seqvae import', () => {
    expect(uploadRefusal({ name: 'ok.csv', size: MAX_UPLOAD_BYTES })).toBeNull()
    expect(uploadRefusal({ name: 'big.csv', size: MAX_UPLOAD_BYTES + 1 })).toBe(
      'big.csv is 256.0 MiB, more than the 256.0 MiB the app can upload: import it from a terminal with `seqvae import big.csv`.',
    )
    expect(uploadRefusal({ name: 'none.csv', size: 0 })).toBe('none.csv is empty.')
  })

  it('prints sizes in binary units and knows which files need a labels file', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(3.5 * 1024)).toBe('3.5 KiB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB')
    expect(isNpyFile('x.NPY')).toBe(true)
    expect(isNpyFile('x.npy.csv')).toBe(false)
  })
})
