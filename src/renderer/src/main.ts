import { createApp } from 'vue'
import { connectWorkbench } from './api/connect-workbench'
import { WORKBENCH } from './api/workbench-injection'
import { applyStoredTheme } from './lib/theme'
import App from './App.vue'
import { router } from './router'
import './styles/theme.css'

applyStoredTheme()
try {
  createApp(App).provide(WORKBENCH, connectWorkbench()).use(router).mount('#app')
} catch (e) {
  // Without a workbench there is nothing to show but why.
  const message = document.createElement('p')
  message.className = 'startup-error'
  message.textContent = (e as Error).message
  document.getElementById('app')?.replaceChildren(message)
}
