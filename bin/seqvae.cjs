#!/usr/bin/env node
// The `seqvae` command: the CLI shell over the Lab, run from TypeScript source via tsx.
require('tsx/cjs')
require('../src/main/cli/main.ts')
