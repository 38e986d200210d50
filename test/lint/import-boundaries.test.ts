import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const repo = path.resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: repo })

/** The boundary rules' messages for `code` as if it were the file at `file` (repository-relative). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) })
  return result.messages.filter((m) => m.ruleId?.startsWith('seqvae/')).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('the import boundaries of src/main', () => {
  it('lets a Lab layer import its own folder and the layers below it, and nothing above', async () => {
    const below = "import { modelSpecFor } from '../model/model-spec'\nimport { SeededRandom } from '../common/seeded-random'\nexport const a = [modelSpecFor, SeededRandom]\n"
    expect(await boundaryMessages('src/main/lab/engines/probe.ts', below)).toEqual([])
    const upward = "import { createEngine } from '../engines/engine-factory'\nexport const a = createEngine\n"
    const [message] = await boundaryMessages('src/main/lab/model/probe.ts', upward)
    expect(message).toContain('seqvae/layer-order: model/ may not import src/main/lab/engines/engine-factory: it is a higher layer')
    // However the path is spelled, and for type-only and dynamic imports too.
    const roundabout = "export type R = import('../../lab/jobs/job-runner').JobRunner\nexport const w = () => import('./../train/training-loop')\n"
    expect(await boundaryMessages('src/main/lab/analysis/probe.ts', roundabout)).toHaveLength(2)
  })

  it('keeps lab.ts on top and refuses a folder that is not in the layer list', async () => {
    expect(await boundaryMessages('src/main/lab/lab.ts', "export { JobRunner } from './jobs/job-runner'\n")).toEqual([])
    expect(await boundaryMessages('src/main/lab/jobs/probe.ts', "export { Lab } from '../lab'\n")).toHaveLength(1)
    const [message] = await boundaryMessages('src/main/lab/helpers/probe.ts', 'export const a = 1\n')
    expect(message).toContain('helpers/ is not one of the layers')
  })

  it('keeps the CLI and the server to the Lab and data-dir.ts', async () => {
    const surface = "import { Lab } from '../../lab/lab'\nimport { resolveDataDir } from '../../lab/data-dir'\nexport const a = [Lab, resolveDataDir]\n"
    expect(await boundaryMessages('src/main/cli/commands/probe.ts', surface)).toEqual([])
    const inside = "import { WorkbenchStore } from '../lab/store/workbench-store'\nexport const a = WorkbenchStore\n"
    for (const shell of ['src/main/cli/probe.ts', 'src/main/server/probe.ts']) {
      const [message] = await boundaryMessages(shell, inside)
      expect(message).toContain('seqvae/public-surface: src/main/lab/store/workbench-store is inside src/main/lab/')
    }
  })
})
