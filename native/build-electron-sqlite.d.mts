/** Types for native/build-electron-sqlite.mjs (a plain Node script, run before the app starts). */
export interface ElectronSqliteStamp {
  electron: string
  betterSqlite3: string
  platform: string
  arch: string
}
export declare const OUTPUT_DIR: string
export declare const BINDING_FILE: string
export declare const STAMP_FILE: string
export declare function wantedStamp(): ElectronSqliteStamp
export declare function staleReason(wanted?: ElectronSqliteStamp, dir?: string): string | null
