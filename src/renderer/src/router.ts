import { createRouter, createWebHashHistory } from 'vue-router'
import RunsPage from './features/runs/RunsPage.vue'

// The runs page loads with the app; the others (and their charts) load when first opened.
const NewRunPage = () => import('./features/new-run/NewRunPage.vue')
const ComparePage = () => import('./features/compare/ComparePage.vue')
const RunPage = () => import('./features/run/RunPage.vue')
const DatasetsPage = () => import('./features/datasets/DatasetsPage.vue')
const WorkersPage = () => import('./features/workers/WorkersPage.vue')

/**
 * Hash history: the page is `index.html` both from disk in Electron and from `seqvae serve`, where
 * the query string carries the access token and must survive a reload.
 */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/runs' },
    { path: '/runs', name: 'runs', component: RunsPage, meta: { title: 'Runs' } },
    { path: '/new', name: 'new-run', component: NewRunPage, meta: { title: 'New run' } },
    { path: '/compare', name: 'compare', component: ComparePage, meta: { title: 'Compare' } },
    { path: '/datasets/:name?', name: 'datasets', component: DatasetsPage, props: true, meta: { title: 'Datasets' } },
    { path: '/workers', name: 'workers', component: WorkersPage, meta: { title: 'Workers' } },
    // The run page titles itself with the run's name (the desktop window's title follows it).
    { path: '/runs/:id/:tab?', name: 'run', component: RunPage, props: true },
    { path: '/:unknown(.*)*', redirect: '/runs' },
  ],
})

router.afterEach((to) => {
  if (typeof to.meta.title === 'string') document.title = `${to.meta.title} · SeqVAE Workbench`
})
