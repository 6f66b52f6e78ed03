import { useQueries, useQuery } from '@tanstack/react-query'
import type { Area } from '@tongxin/contracts'
import { Cascader, Flex, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../features/auth/session.ts'
import { call } from '../lib/api.ts'
import { areaChain, areaRoots, type Scope } from '../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../lib/useMediaQuery.ts'

interface AreaOption {
  value: string
  label: string
  isLeaf: boolean
  loading?: boolean
  children?: AreaOption[]
}

// Streets are the finest level a dashboard picks; communities (居委) are not offered.
const isLeaf = (code: string) => code.length >= 9

function useAreaChildren(parents: string[]) {
  return useQueries({
    queries: parents.map((parent) => ({
      queryKey: ['areas', 'children', parent],
      queryFn: ({ signal }: { signal: AbortSignal }) => call('GET /api/areas', { query: { parent }, signal }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  })
}

/** 上海市 → 区 → 街镇, rooted at the areas the user holds; children load as a level opens. */
export function AreaCascader({
  value,
  onChange,
  width,
  allowClear = false,
  roots: fixedRoots,
  placeholder,
}: {
  value?: string
  onChange: (code: string | undefined) => void
  width?: number | string
  allowClear?: boolean
  /** Where the picker starts; by default the areas the user holds (exchange pages start at 上海市). */
  roots?: { code: string; name: string | null }[]
  placeholder?: string
}) {
  const { t } = useTranslation()
  const me = useSession()
  const roots = fixedRoots ?? areaRoots(me)
  const rootCodes = roots.map((r) => r.code)
  const chain = value ? areaChain(value) : []
  const start = chain.findIndex((c) => rootCodes.includes(c))
  const path = start < 0 ? [] : chain.slice(start)
  const [opened, setOpened] = useState<string[]>([])
  const parents = [...new Set([...path.filter((c) => !isLeaf(c)), ...opened])]
  const results = useAreaChildren(parents)
  const children = new Map<string, { items?: Area[]; loading: boolean }>()
  parents.forEach((p, i) => {
    children.set(p, { items: results[i]?.data?.items, loading: results[i]?.isPending ?? false })
  })

  const build = (code: string, label: string): AreaOption => {
    const loaded = children.get(code)
    return {
      value: code,
      label,
      isLeaf: isLeaf(code),
      loading: loaded?.loading,
      children: loaded?.items?.map((a) => build(a.code, a.name)),
    }
  }
  const options = roots.map((r) => build(r.code, r.name ?? t('scopePicker.shanghai')))

  if (roots.length === 0) return null
  return (
    <Cascader<AreaOption>
      data-testid="area-picker"
      aria-label={t('scopePicker.area')}
      options={options}
      value={path}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder ?? t('scopePicker.areaPlaceholder')}
      style={{ width: width ?? 280 }}
      loadData={(selected) => {
        const last = selected[selected.length - 1]
        if (last && !opened.includes(last.value)) setOpened((o) => [...o, last.value])
      }}
      onChange={(codes) => onChange(codes?.[codes.length - 1] as string | undefined)}
      optionRender={(option) => <span data-testid={`area-option-${option.value}`}>{option.label}</span>}
    />
  )
}

function ParkSelect({
  area,
  value,
  onChange,
}: {
  area?: string
  value?: number
  onChange: (id?: number) => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const parks = useQuery({
    queryKey: ['parks', area],
    queryFn: ({ signal }) => call('GET /api/parks', { query: { area }, signal }),
    enabled: Boolean(area),
  })
  const items = parks.data?.items ?? []
  if (!area || (items.length === 0 && !value)) return null
  return (
    <Select<number>
      data-testid="park-picker"
      aria-label={t('scopePicker.park')}
      allowClear
      placeholder={t('scopePicker.parkPlaceholder')}
      value={value}
      onChange={onChange}
      loading={parks.isPending}
      style={{ width: isPhone ? '100%' : 220 }}
      popupMatchSelectWidth={false}
      options={items.map((p) => ({ value: p.id, label: p.name }))}
    />
  )
}

/** Remote search over buildings (Chinese, pinyin or initials); shows `selectedName` for the chosen one. */
export function BuildingSelect({
  area,
  value,
  selectedName,
  onChange,
  width,
}: {
  area?: string
  value?: number
  selectedName?: string
  onChange: (id?: number) => void
  width?: number | string
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const found = useQuery({
    queryKey: ['buildings', 'pick', area, q],
    queryFn: ({ signal }) =>
      call('GET /api/buildings', { query: { area, q: q || undefined, limit: 20 }, signal }),
  })
  const options = (found.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))
  if (value && selectedName && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selectedName })
  }
  return (
    <Select<number>
      data-testid="building-picker"
      aria-label={t('scopePicker.building')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={t('scopePicker.buildingPlaceholder')}
      value={value}
      onChange={(id) => {
        setQ('')
        onChange(id)
      }}
      loading={found.isFetching}
      style={{ width: width ?? 260 }}
      popupMatchSelectWidth={false}
      options={options}
      optionRender={(option) => <span data-testid={`building-option-${option.value}`}>{option.label}</span>}
    />
  )
}

/** Area cascader, park and building pickers side by side (stacked on phones). */
export function ScopePicker({
  scope,
  onChange,
  scopeName,
}: {
  scope: Scope
  onChange: (next: Scope) => void
  /** Name of the chosen park or building, for the picker's label. */
  scopeName?: string
}) {
  const isPhone = useMediaQuery(PHONE_QUERY)
  const width = isPhone ? '100%' : undefined
  return (
    <Flex gap={8} wrap vertical={isPhone} style={isPhone ? { width: '100%' } : undefined}>
      <AreaCascader value={scope.area} onChange={(area) => onChange({ area })} width={width} />
      <ParkSelect
        area={scope.area}
        value={scope.park}
        onChange={(park) => onChange({ area: scope.area, park })}
      />
      <BuildingSelect
        area={scope.area}
        value={scope.building}
        selectedName={scope.building ? scopeName : undefined}
        onChange={(building) => onChange({ area: scope.area, building })}
        width={width}
      />
    </Flex>
  )
}
