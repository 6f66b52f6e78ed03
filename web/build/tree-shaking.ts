import type { Plugin } from 'vite'

const CONTRACTS = /\/packages\/contracts\/src\/[^/]+\.ts$/
const TYPE_CALL = /(?<![\w$.])Type\.(\w+)\(/g

/**
 * Marks the TypeBox builder calls of @tongxin/contracts as pure (`/* @__PURE__ *\/`) so Rollup can drop the
 * schemas a page does not use. Without it a page importing one constant (WASTE_QUERY_MAX) pulls every schema
 * of the package and TypeBox itself (about 80 kB gzip). The builders only construct objects; the web app
 * never validates with them. (`treeshake.manualPureFunctions` cannot see through TypeBox's namespace export.)
 */
export function pureSchemas(): Plugin {
  return {
    name: 'tongxin:pure-schemas',
    apply: 'build',
    transform(code, id) {
      if (!CONTRACTS.test(id)) return null
      return { code: code.replace(TYPE_CALL, '/* @__PURE__ */ Type.$1('), map: null }
    },
  }
}

/**
 * Two antd modules that every input reaches pull in the whole form engine for one small name each, because
 * Rollup keeps a module whole for every chunk once any page uses it:
 * - `antd/es/form/context` (read by every input for the form item's status) imports `FormProvider` from
 *   @rc-component/form's index, which hangs Field, List and useForm on the Form component by assignment;
 * - `antd/es/radio/group` imports `toNamePathStr` from `antd/es/form/hooks/useForm`, the module of antd's
 *   useForm hook and with it the form store.
 * So every page with an input (the kiosk) or a radio (a survey) used to get the form engine and its validator
 * (about 25 kB gzip). Here the first import resolves to the module that defines FormProvider, and the second
 * to a module of its own with that one function (`toArray(name).join('_')`, as antd has it). Pages that use
 * <Form> still get the engine through antd's Form. If the package moves a file, resolution fails and so does
 * the build; if antd imports differently, the plugin stops matching and the bundle budget check catches it.
 */
const NAME_PATH = '\0tongxin:antd-name-path'

export function narrowAntdFormImports(): Plugin {
  let formUtil = ''
  return {
    name: 'tongxin:narrow-antd-form-imports',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === NAME_PATH) return source
      const from = importer?.replace(/\\/g, '/') ?? ''
      if (source === '@rc-component/form' && from.endsWith('/antd/es/form/context.js')) {
        const index = await this.resolve(source, importer, { skipSelf: true })
        return index ? index.id.replace(/index\.js$/, 'FormContext.js') : null
      }
      if (source === '../form/hooks/useForm' && from.endsWith('/antd/es/radio/group.js')) {
        const util = await this.resolve('../form/util', importer, { skipSelf: true })
        if (!util) return null
        formUtil = util.id
        return NAME_PATH
      }
      return null
    },
    load(id) {
      if (id !== NAME_PATH) return null
      return [
        `import { toArray } from ${JSON.stringify(formUtil)}`,
        `export function toNamePathStr(name) { return toArray(name).join('_') }`,
      ].join('\n')
    },
  }
}
