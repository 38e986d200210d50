import { z } from 'zod'
import { integer } from './schema-fields'
import { RUN_STATUSES, type WorkbenchApi } from './api'
import type { ApiArguments, ApiMethod, ApiResult } from './api-methods'
import { AnomalyQuerySchema } from './anomaly-report'
import { ImportOptionsSchema, MAX_UPLOAD_BYTES } from './datasets'
import { LikelihoodQuerySchema } from './likelihood-evaluation'
import { describeValidationError, UserError } from './errors'
import { RunConfigSchema, type RunConfigInput } from './run-config'
import { CONDITION_OPS, isKnownRunField, MAX_RUN_PAGE } from './run-fields'
import {
  InterpolationQuerySchema,
  LatentProjectionQuerySchema,
  LatentTimelineQuerySchema,
  MAX_DECODED_POINTS,
  PriorSampleQuerySchema,
  ProbeQuerySchema,
  ReconQuerySchema,
  SampleAcrossRunsSchema,
  TraversalQuerySchema,
} from './run-views'

/**
 * The dispatch table both adapters read (Electron IPC and HTTP): for every contract method, the zod
 * schema of its argument list. A call from outside is validated here and then goes to the method of
 * the same name on the Lab, so adding an API call is one line in this table.
 */

const runId = (name: string) => {
  const message = `${name} must be a positive integer run id`
  return z.number({ error: message }).int({ error: message }).positive({ error: message })
}

const runIds = z.array(runId('each id'), { error: 'ids must be a list of run ids' }).max(1000, { error: 'ids must hold at most 1000 runs' })

const text = (name: string, max: number) =>
  z.string({ error: `${name} must be text` }).max(max, { error: `${name} must be at most ${max} characters` })

const tags = z
  .array(text('each tag', 64).min(1, { error: 'each tag must be 1 to 64 characters' }), { error: 'tags must be a list of text' })
  .max(64, { error: 'tags must hold at most 64 entries' })

const RunFilterSchema = z
  .object({
    status: z
      .array(z.enum(RUN_STATUSES, { error: `status must be one of: ${RUN_STATUSES.join(', ')}` }), {
        error: 'status must be a list of statuses',
      })
      .optional(),
    text: text('text', 200).optional(),
    tag: text('tag', 64).optional(),
    limit: integer('limit', 1, MAX_RUN_PAGE).optional(),
  })
  .strict()

const RunQuerySchema = RunFilterSchema.extend({
  where: z
    .array(
      z
        .object({
          field: text('a condition\'s field', 64).refine(isKnownRunField, { error: 'a condition names a field the runs table does not have' }),
          op: z.enum(CONDITION_OPS, { error: `a condition's operator must be one of: ${CONDITION_OPS.join(' ')}` }),
          value: text('a condition\'s value', 200),
        })
        .strict(),
      { error: 'where must be a list of conditions' },
    )
    .max(32, { error: 'where must hold at most 32 conditions' })
    .optional(),
  sort: z
    .object({ field: text('sort field', 64).refine(isKnownRunField, { error: 'sort names a field the runs table does not have' }), descending: z.boolean({ error: 'sort.descending must be true or false' }) })
    .strict()
    .optional(),
  after: text('after', 1000).optional(),
  configKey: text('configKey', 64).optional(),
}).strict()

const RunPatchSchema = z
  .object({ name: text('name', 200).optional(), notes: text('notes', 20_000).optional(), tags: tags.optional() })
  .strict()

/** Arity and shape errors are raised by the tuple itself; the method name is added in `parseArguments`. */
const LIST_ERRORS: z.core.$ZodTupleParams = {
  error: (issue) => {
    const plural = (n: unknown) => `${n} argument${n === 1 ? '' : 's'}`
    if (issue.code === 'too_big') return `takes at most ${plural(issue.maximum)}`
    if (issue.code === 'too_small') return `needs at least ${plural(issue.minimum)}`
    if (issue.code === 'invalid_type') return 'arguments must be sent as a list'
    return undefined
  },
}

const argumentList = <const T extends readonly [z.core.SomeType, ...z.core.SomeType[]]>(...items: T) => z.tuple(items, LIST_ERRORS)

const latentPoints = z.instanceof(Float32Array, { error: 'z must be a Float32Array of latent codes' })

const pointCount = (max: number) => integer('count', 1, max)

const datasetName = text('name', 64).min(1, { error: 'name must be a dataset name' })

/** A file sent by a client; messages start with the field they are about, as describeValidationError expects. */
const upload = (what: string) =>
  z
    .object(
      {
        name: text('name', 255).min(1, { error: `name must be the ${what}'s name` }),
        bytes: z
          .instanceof(Uint8Array, { error: `bytes must be the ${what}'s contents as a Uint8Array` })
          .refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, {
            error: `bytes must be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB for an upload; import a larger ${what} with \`seqvae import\``,
          }),
      },
      { error: `the ${what} must be an object with a name and bytes` },
    )
    .strict()

/**
 * A run config checked against RunConfigSchema but passed on as the caller wrote it, not filled
 * with defaults: the Lab puts the dataset's suggested settings under the fields the caller set, so
 * it must see which fields those are.
 */
const runConfigAsGiven = z.custom<RunConfigInput>().superRefine((value, ctx) => {
  const parsed = RunConfigSchema.safeParse(value)
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue })
})

type ArgumentSchemas = { [K in ApiMethod]: z.ZodType<ApiArguments<K>> }

export const API_ARGUMENTS: ArgumentSchemas = {
  listDatasets: z.tuple([], LIST_ERRORS),
  getDataset: argumentList(datasetName),
  importDataset: argumentList(upload('file'), ImportOptionsSchema.optional(), upload('labels file').optional()),
  previewImport: argumentList(upload('file'), ImportOptionsSchema.optional()),
  deleteDataset: argumentList(datasetName),
  createRun: argumentList(runConfigAsGiven, text('name', 200).optional()),
  listRuns: argumentList(RunFilterSchema.optional()),
  listRunPage: argumentList(RunQuerySchema.optional()),
  listRunGroups: argumentList(RunQuerySchema.optional()),
  getRun: argumentList(runId('id')),
  cancelRun: argumentList(runId('id')),
  updateRun: argumentList(runId('id'), RunPatchSchema),
  deleteRun: argumentList(runId('id')),
  getMetrics: argumentList(runIds),
  getLatents: argumentList(runId('id')),
  decode: argumentList(runId('id'), latentPoints, pointCount(100_000)),
  resumeRun: argumentList(runId('id')),
  getLatentDiagnostics: argumentList(runId('id')),
  getReconstructions: argumentList(runId('id'), ReconQuerySchema.optional()),
  getSampleAcrossRuns: argumentList(SampleAcrossRunsSchema.shape.runIds, SampleAcrossRunsSchema.shape.index),
  samplePrior: argumentList(runId('id'), PriorSampleQuerySchema.optional()),
  probeRadii: argumentList(runId('id'), ProbeQuerySchema),
  traverse: argumentList(runId('id'), TraversalQuerySchema.optional()),
  interpolate: argumentList(runId('id'), InterpolationQuerySchema),
  getLatentProjection: argumentList(runId('id'), LatentProjectionQuerySchema.optional()),
  getLatentTimeline: argumentList(runId('id'), LatentTimelineQuerySchema.optional()),
  decodePoints: argumentList(runId('id'), latentPoints, pointCount(MAX_DECODED_POINTS)),
  getAnomalyReport: argumentList(runId('id'), AnomalyQuerySchema.optional()),
  evaluateLikelihood: argumentList(runId('id'), LikelihoodQuerySchema.optional()),
  getLikelihoodEvaluations: argumentList(runIds),
  exportModelArchive: argumentList(runId('id')),
  getQueueStatus: z.tuple([], LIST_ERRORS),
}

/** Validates an argument list that came from outside; throws a UserError whose message is one clear sentence. */
export function parseArguments<K extends ApiMethod>(method: K, args: unknown): ApiArguments<K> {
  const schema: z.ZodType<ApiArguments<K>> = API_ARGUMENTS[method]
  const parsed = schema.safeParse(args)
  if (parsed.success) return parsed.data
  // Our messages name their field, so positions only get in the way: "latentDim must be…" reads
  // better than "0.latentDim: …", and "tags must not be empty" better than "1.tags.3: …".
  const issues = parsed.error.issues.map((issue) => ({
    ...issue,
    path: issue.path.slice(1).filter((segment) => typeof segment !== 'number'),
  }))
  const aboutTheList = parsed.error.issues.some((issue) => issue.path.length === 0)
  const sentence = describeValidationError(new z.ZodError(issues))
  throw new UserError(aboutTheList ? `${method} ${sentence}` : sentence, 'invalid')
}

/** Validates `args` for `method` and calls the method of that name on `api`: the one dispatch both adapters use. */
export async function callApi<K extends ApiMethod>(api: WorkbenchApi, method: K, args: unknown): Promise<ApiResult<K>> {
  const valid = parseArguments(method, args)
  const handler = api[method] as (...a: ApiArguments<K>) => Promise<ApiResult<K>>
  return handler.apply(api, valid)
}
