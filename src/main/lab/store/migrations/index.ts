import * as m0001 from './0001-initial'
import * as m0002 from './0002-checkpoints'
import * as m0003 from './0003-datasets'
import * as m0004 from './0004-recordings'
import * as m0005 from './0005-queue'
import * as m0006 from './0006-run-summaries'
import * as m0007 from './0007-run-stops'
import * as m0008 from './0008-likelihood-evaluations'
import * as m0009 from './0009-latent-snapshots'
import * as m0010 from './0010-run-log-likelihood'

/** Numbered migrations in order; migration i (1-based) brings `user_version` from i−1 to i. */
export const MIGRATIONS: readonly { name: string; up: string }[] = [
  { name: '0001-initial', up: m0001.up },
  { name: '0002-checkpoints', up: m0002.up },
  { name: '0003-datasets', up: m0003.up },
  { name: '0004-recordings', up: m0004.up },
  { name: '0005-queue', up: m0005.up },
  { name: '0006-run-summaries', up: m0006.up },
  { name: '0007-run-stops', up: m0007.up },
  { name: '0008-likelihood-evaluations', up: m0008.up },
  { name: '0009-latent-snapshots', up: m0009.up },
  { name: '0010-run-log-likelihood', up: m0010.up },
]

export const SCHEMA_VERSION = MIGRATIONS.length
