import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Two cores: run test files two at a time so training tests do not starve each other.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for a condition; its default of 1 s turns a busy machine into a failure.
    // Waits only guard against hangs: how fast things happen is measured by the benchmarks.
    expect: { poll: { timeout: 30_000 } },
  },
})
