#!/usr/bin/env node
// Runs a TypeScript entry point under Node with tsx's CommonJS loader: `node bin/run-ts.cjs file.ts [args]`.
require('tsx/cjs')
const path = require('node:path')
const [, , entry, ...rest] = process.argv
if (!entry) {
  console.error('usage: node bin/run-ts.cjs FILE.ts [args…]')
  process.exit(2)
}
process.argv = [process.argv[0], path.resolve(entry), ...rest]
require(path.resolve(entry))
