import { UserError } from '../../../../shared/errors'
import type { ImportFile } from './import-file'
import { parseNpy } from './npy-array'
import type { ParsedFile, ParsedSeries } from './parsed-series'

/**
 * A float32/float64 .npy array of shape [n, steps, features] ([n, steps] is read as one feature),
 * with optional integer labels from a second .npy of shape [n] or [n, 1]. All series share one
 * length; a NaN or infinity anywhere is refused with its position.
 */
export async function parseNpySeries(file: ImportFile, labelsFile: ImportFile | null): Promise<ParsedFile> {
  const array = parseNpy(await file.bytes(), file.label)
  if (array.kind !== 'f') throw new UserError(`${file.label} holds integers; the series must be float32 or float64`)
  if (array.shape.length !== 2 && array.shape.length !== 3) {
    throw new UserError(`${file.label} has shape (${array.shape.join(', ')}); it must be [series, steps, features] or [series, steps]`)
  }
  const [count, steps, features = 1] = array.shape
  if (count === 0) throw new UserError(`${file.label} holds no series (its shape is (${array.shape.join(', ')}))`)
  if (steps === 0 || features === 0) throw new UserError(`${file.label} has shape (${array.shape.join(', ')}); series need at least one step and one feature`)
  const data = new Float32Array(array.count)
  for (let k = 0; k < data.length; k++) {
    const v = array.valueAt(k)
    data[k] = v
    if (!Number.isFinite(data[k])) {
      const [i, t, f] = [Math.floor(k / (steps * features)), Math.floor(k / features) % steps, k % features]
      const what = Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'beyond the float32 range' : 'infinite'
      throw new UserError(`${file.label}: series ${i}, step ${t}, feature ${f} is ${what}; only finite values can be imported`)
    }
  }
  const labels = labelsFile ? await readLabels(labelsFile, count) : null
  const size = steps * features
  const series: ParsedSeries[] = Array.from({ length: count }, (_, i) => ({
    values: data.subarray(i * size, (i + 1) * size),
    length: steps,
    times: null,
    label: labels ? String(labels[i]) : null,
  }))
  return { format: 'npy', features, featureNames: Array.from({ length: features }, (_, f) => `feature_${f + 1}`), series, rows: count }
}

async function readLabels(file: ImportFile, count: number): Promise<Float64Array> {
  const array = parseNpy(await file.bytes(), file.label)
  if (array.kind === 'f') throw new UserError(`${file.label} holds floats; labels must be integers`)
  const flat = array.shape.length === 1 || (array.shape.length === 2 && array.shape[1] === 1)
  if (!flat) throw new UserError(`${file.label} has shape (${array.shape.join(', ')}); labels must have shape [series] or [series, 1]`)
  if (array.shape[0] !== count) throw new UserError(`${file.label} holds ${array.shape[0]} labels for ${count} series`)
  return Float64Array.from({ length: count }, (_, i) => array.valueAt(i))
}
