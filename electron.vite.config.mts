import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * The page's CSP (a meta tag in src/renderer/index.html) allows no inline styles and talks only to
 * its own origin. The dev server injects component styles inline and pushes updates over a
 * WebSocket, so under `electron-vite dev` only, the policy is widened for exactly that.
 */
function devServerCsp(): Plugin {
  return {
    name: 'seqvae-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http:"),
  }
}

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // utilityProcess.fork needs the training worker as its own file next to the main bundle.
          'training-worker': resolve(root, 'src/main/lab/train/training-worker.ts'),
          // worker_threads needs the analysis worker as its own file too (analysis/pool/analysis-pool.ts).
          'analysis-worker': resolve(root, 'src/main/lab/analysis/pool/analysis-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(root, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    plugins: [vue(), devServerCsp()],
  },
})
