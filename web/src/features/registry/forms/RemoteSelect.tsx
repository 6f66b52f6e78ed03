import { Select } from 'antd'
import { useState } from 'react'
import { type PickFilters, type PickRoute, type PickRow, usePick } from '../api.ts'

export interface Named {
  id: number
  name: string
}

type Props<K extends PickRoute> = {
  /** A keyset list that takes `q` (Chinese, pinyin or initials). */
  route: K
  query?: PickFilters<K>
  label: (row: PickRow<K>) => string
  /** Names of rows already chosen, which a search may not bring back. */
  known?: Named[]
  placeholder?: string
  testId?: string
  disabled?: boolean
} & (
  | { multiple: true; value?: number[]; onChange?: (ids: number[]) => void }
  | {
      multiple?: false
      value?: number | null
      onChange?: (id: number | null) => void
      /** The whole row picked from the search results (for fields that follow from it). */
      onPick?: (row: PickRow<K>) => void
    }
)

/** Server-side search over a registry list, single or multiple, that keeps the names of what is chosen. */
export function RemoteSelect<K extends PickRoute>(props: Props<K>) {
  const { route, query, label, known = [], placeholder, testId, disabled } = props
  const [q, setQ] = useState('')
  const [remembered, setRemembered] = useState(() => new Map(known.map((k) => [k.id, k.name])))
  const found = usePick(route, query, q)
  const rows = found.data?.items ?? []
  const options = rows.map((r) => ({ value: r.id, label: label(r) }))
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : []
  for (const id of chosen) {
    if (!options.some((o) => o.value === id))
      options.unshift({ value: id, label: remembered.get(id) ?? `#${id}` })
  }
  const remember = (ids: number[]) => {
    const next = new Map(remembered)
    for (const id of ids) {
      const row = rows.find((r) => r.id === id)
      if (row) next.set(id, label(row))
    }
    setRemembered(next)
    setQ('')
  }
  return (
    <Select<number | number[]>
      data-testid={testId}
      mode={props.multiple ? 'multiple' : undefined}
      allowClear
      disabled={disabled}
      placeholder={placeholder}
      value={props.multiple ? (props.value ?? []) : (props.value ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={options}
      style={{ width: '100%' }}
      onChange={(v) => {
        if (props.multiple) {
          const ids = (v as number[] | undefined) ?? []
          remember(ids)
          props.onChange?.(ids)
        } else {
          const id = (v as number | undefined) ?? null
          if (id !== null) remember([id])
          props.onChange?.(id)
          const row = rows.find((r) => r.id === id)
          if (row) props.onPick?.(row)
        }
      }}
    />
  )
}
