import { resolveDataDir } from '../lab/data-dir'
import { Lab, type LabOptions } from '../lab/lab'

/** Opens the Lab on the resolved data directory, runs `work`, and always closes it. */
export async function withLab<T>(dataDirFlag: string | undefined, work: (lab: Lab) => Promise<T>, options: Partial<LabOptions> = {}): Promise<T> {
  const lab = Lab.open({ ...options, dataDir: resolveDataDir(dataDirFlag) })
  try {
    return await work(lab)
  } finally {
    await lab.close()
  }
}
