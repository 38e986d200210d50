/** What "Help › About" shows: enough to answer "which version, which engine, where are my runs?". */
export interface AboutFacts {
  appVersion: string
  versions: { electron?: string; node: string; chrome?: string }
  engine: string
  dataDir: string
  logFile: string
}

export function aboutDetail(facts: AboutFacts): string {
  return [
    `Version ${facts.appVersion}`,
    `Electron ${facts.versions.electron ?? '—'} · Node ${facts.versions.node} · Chromium ${facts.versions.chrome ?? '—'}`,
    `Training engine: ${facts.engine}`,
    `Data folder: ${facts.dataDir}`,
    `Log: ${facts.logFile}`,
  ].join('\n')
}
