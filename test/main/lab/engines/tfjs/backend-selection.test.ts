import * as tf from '@tensorflow/tfjs'
import { expect, test } from 'vitest'
import { selectBackend } from '../../../../../src/main/lab/engines/tfjs/backend-selection'
import { isUserError } from '../../../../../src/shared/errors'

function installed(packageName: string): boolean {
  try {
    require.resolve(packageName)
    return true
  } catch {
    return false
  }
}

const nativeInstalled = installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu')

test('starting wasm leaves the process-wide error handlers as they were', async () => {
  const counts = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]
  const before = counts()
  await selectBackend('wasm')
  expect(counts()).toEqual(before)
})

test.each(['cpu', 'wasm'] as const)('%s is selected explicitly and computes', async (choice) => {
  expect(await selectBackend(choice)).toBe(choice)
  expect(tf.getBackend()).toBe(choice)
  const product = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]))
  expect(Array.from(await product.data())).toEqual([19, 22, 43, 50])
  product.dispose()
})

test('auto picks the best backend that starts: native TensorFlow where installed, else wasm', async () => {
  const selected = await selectBackend('auto')
  if (nativeInstalled) expect(['tensorflow-gpu', 'tensorflow']).toContain(selected)
  else expect(selected).toBe('wasm')
  expect(tf.getBackend()).toBe(selected === 'tensorflow-gpu' ? 'tensorflow' : selected)
})

test.each([
  ['tensorflow', '@tensorflow/tfjs-node'],
  ['tensorflow-gpu', '@tensorflow/tfjs-node-gpu'],
] as const)('an explicit %s without its package is a UserError that names the package', async (choice, packageName) => {
  if (installed(packageName)) return // only meaningful where the optional package is absent
  const error = await selectBackend(choice).catch((e: unknown) => e)
  expect(isUserError(error)).toBe(true)
  expect((error as Error).message).toBe(`backend ${choice} is not available: ${packageName} is not installed`)
})
