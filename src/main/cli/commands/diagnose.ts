import type { LatentDiagnosticsReport } from '../../../shared/latent-diagnostics'
import { dataDirOption, jsonOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { textTable } from '../run-format'

const fmt = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : x.toFixed(4))

function diagnosisText({ runId, diagnostics: d }: LatentDiagnosticsReport): string {
  const dims = textTable(
    ['dim', 'mean', 'var', 'skew', 'ex.kurt', 'KS D', 'KS p', 'SW W', 'SW p', 'verdict'],
    d.dimensions.map((x) => [
      `z${x.dim + 1}`,
      fmt(x.mean),
      fmt(x.variance),
      fmt(x.skewness),
      fmt(x.excessKurtosis),
      fmt(x.ks.statistic),
      fmt(x.ks.pValue),
      x.shapiroWilk ? fmt(x.shapiroWilk.statistic) : '-',
      x.shapiroWilk ? fmt(x.shapiroWilk.pValue) : '-',
      x.verdict,
    ]),
  )
  return [
    `run ${runId}: ${d.count} codes in ${d.dim} dimensions — ${d.verdict}`,
    d.summary,
    '',
    dims,
    '',
    d.multivariate.summary,
    ...(d.health ? [`active units ${d.health.activeUnits}/${d.dim}`] : []),
    '',
    'With thousands of codes every test rejects tiny deviations: read the effect sizes (|mean|, variance, skew, KS D) before the p-values.',
  ].join('\n')
}

export async function diagnoseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('diagnose', args, { ...dataDirOption, ...jsonOption }, 1)
  const id = parseRunId('diagnose', positionals[0])
  return withLab(values['data-dir'], async (lab) => {
    const report = await lab.getLatentDiagnostics(id)
    console.log(values.json ? JSON.stringify(report.diagnostics) : diagnosisText(report))
    return 0
  })
}
