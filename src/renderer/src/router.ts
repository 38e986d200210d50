import { createRouter, createWebHashHistory } from 'vue-router'
import RunsPage from './pages/RunsPage.vue'

/**
 * Hash history: the page is `index.html` both from disk in Electron and from `seqvae serve`, where
 * the query string carries the access token and must survive a reload.
 */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/runs' },
    { path: '/runs', name: 'runs', component: RunsPage, meta: { title: 'Runs' } },
    { path: '/:unknown(.*)*', redirect: '/runs' },
  ],
})

router.afterEach((to) => {
  document.title = typeof to.meta.title === 'string' ? `${to.meta.title} · SeqVAE Workbench` : 'SeqVAE Workbench'
})
