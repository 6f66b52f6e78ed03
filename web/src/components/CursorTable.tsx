import { Alert, List, Table, type TableProps, Typography } from 'antd'
import type { SorterResult } from 'antd/es/table/interface'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCount } from '../lib/format.ts'
import type { CursorList } from '../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../lib/useMediaQuery.ts'
import { LoadMore } from './LoadMore.tsx'

/** A server-side order: `key` or `-key`, as the list API reads it. */
export interface ServerSort {
  value: string | undefined
  onChange: (value: string | undefined) => void
  /** The column keys the API can sort by. */
  keys: readonly string[]
}

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: CursorList<T>
  testId: string
  /** The count to show when the list's pages do not carry one. */
  total?: number
  sort?: ServerSort
  /** On a phone the rows become these cards (a table would hide its right-hand columns off-screen). */
  renderCard?: (row: T) => ReactNode
}

/** "共 623 条": the list's own count of the rows the caller may see, not the rows loaded so far. */
export function ListTotal({ total }: { total: number | undefined }) {
  const { t } = useTranslation()
  if (total === undefined) return null
  return (
    <Typography.Text type="secondary" data-testid="list-total">
      {t('common.totalRows', { count: total, formatted: formatCount(total) })}
    </Typography.Text>
  )
}

const keyOf = <T,>(rowKey: TableProps<T>['rowKey'], row: T): string =>
  typeof rowKey === 'function'
    ? String(rowKey(row))
    : String((row as Record<string, unknown>)[(rowKey as string | undefined) ?? 'id'])

/**
 * A keyset-paged list as every list page shows it: its total, its error, the table (cards on a phone when
 * the page gives them), and "load more". Sorting is the server's: a header click asks the API again.
 */
export function CursorTable<T extends object>({
  list,
  testId,
  total,
  sort,
  renderCard,
  columns,
  ...table
}: Props<T>) {
  const isPhone = useMediaQuery(PHONE_QUERY)
  const rowKey = table.rowKey ?? 'id'
  const desc = sort?.value?.startsWith('-') ?? false
  const sortKey = sort?.value?.replace(/^-/, '')
  const sortable = columns?.map((c) =>
    sort && typeof c.key === 'string' && sort.keys.includes(c.key)
      ? {
          ...c,
          sorter: true,
          sortDirections: ['ascend', 'descend'] as Array<'ascend' | 'descend'>,
          sortOrder: c.key === sortKey ? (desc ? ('descend' as const) : ('ascend' as const)) : null,
        }
      : c,
  )
  const onChange: TableProps<T>['onChange'] = (_p, _f, sorter) => {
    if (!sort) return
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined
    const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined
    sort.onChange(key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined)
  }
  return (
    <>
      <ListTotal total={total ?? list.total} />
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {isPhone && renderCard ? (
        <List<T>
          data-testid={testId}
          loading={list.isPending}
          dataSource={list.rows}
          renderItem={(row) => (
            <List.Item
              key={keyOf(rowKey, row)}
              data-row-key={keyOf(rowKey, row)}
              style={{ paddingInline: 0 }}
            >
              {renderCard(row)}
            </List.Item>
          )}
        />
      ) : (
        <Table<T>
          data-testid={testId}
          rowKey={rowKey}
          dataSource={list.rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={sortable}
          onChange={onChange}
          {...table}
        />
      )}
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}
