/// <reference types="vite/client" />
import type { WorkbenchApi } from '../../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the HTTP client is used. */
    workbench?: WorkbenchApi
  }
}
