import { inject, type InjectionKey } from 'vue'
import type { WorkbenchApi } from '../../../shared/api'

export const WORKBENCH: InjectionKey<WorkbenchApi> = Symbol('workbench')

/** The WorkbenchApi the app was started with; components never know which transport carries it. */
export function useWorkbench(): WorkbenchApi {
  const api = inject(WORKBENCH)
  if (!api) throw new Error('useWorkbench() needs the app to provide a WorkbenchApi')
  return api
}
