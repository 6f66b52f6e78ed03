import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type PluginOption, version as viteVersion } from 'vite'

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

// Vendor code changes far less often than ours; separate chunks keep browsers' caches warm across releases.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined
  if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react'
  // Charts are needed by the dashboards only: their own chunk, loaded with the first page that draws one.
  if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts'
  // Password-strength dictionaries (~1.5 MB): only the pages that ask for a new password import them.
  if (/node_modules\/@zxcvbn-ts\//.test(id)) return 'zxcvbn'
  if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@emotion|stylis)\//.test(id)) return 'antd'
  return 'vendor'
}

export default defineConfig({
  plugins: [reactPlugins()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
})
