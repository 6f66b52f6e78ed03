import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type PluginOption, version as viteVersion } from 'vite'
import { precompress } from './build/precompress.ts'
import { narrowAntdFormImports, pureSchemas } from './build/tree-shaking.ts'

/*
 * npm hoisted vitest's vite 8 to the repository root, and plugin-react resolves that copy rather than this
 * workspace's vite 7. It then believes it runs on rolldown and hands vite 7 a rolldown-native refresh-wrapper
 * plugin that fails every module in the dev server ("Missing field `moduleType`"). On vite 7 that one plugin
 * is dropped: dev works with full reloads instead of Fast Refresh, and builds are unaffected. Once web uses
 * the same vite major as the root, the filter is a no-op.
 */
function reactPlugins(): PluginOption {
  const plugins = (react() as unknown as Plugin[]).flat()
  if (Number(viteVersion.split('.')[0]) >= 8) return plugins
  return plugins.filter((plugin) => plugin.name !== 'vite:react:refresh-wrapper')
}

/*
 * React and the router change far less often than our code and every page needs them: one chunk of their own
 * keeps browsers' caches warm across releases. Everything else is split by Rollup along the lazy routes, so a
 * page loads the antd components it uses and not the whole library (one "antd" chunk used to make every
 * public page download 1.2 MB). Charts are needed by the dashboards only.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined
  if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react'
  if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts'
  // Password-strength dictionaries (~1.5 MB): only the pages that ask for a new password import them.
  if (/node_modules\/@zxcvbn-ts\//.test(id)) return 'zxcvbn'
  return undefined
}

export default defineConfig({
  plugins: [reactPlugins(), pureSchemas(), narrowAntdFormImports(), precompress()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: the chunk graph that scripts/check-bundle-budget.mjs walks.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
})
