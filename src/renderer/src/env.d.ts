/// <reference types="vite/client" />
import type { WorkbenchApi } from '../../shared/api'
import type { DesktopBridge } from '../../shared/desktop-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the HTTP client is used. */
    workbench?: WorkbenchApi
    /** Set by the Electron preload: native dialogs and menu commands; absent in a browser. */
    workbenchDesktop?: DesktopBridge
  }
}
