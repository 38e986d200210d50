import type { DesktopBridge } from '../../../shared/desktop-bridge'

/** The desktop app's native dialogs and menu commands (the preload's `window.workbenchDesktop`); null in a browser. */
export function desktopBridge(): DesktopBridge | null {
  return window.workbenchDesktop ?? null
}
