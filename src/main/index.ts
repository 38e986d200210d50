/** The Electron main process's entry point (out/main/index.js); everything lives in desktop/. */
import { startDesktopApp } from './desktop/desktop-app'

void startDesktopApp()
