import { Alert, Table, type TableProps } from 'antd'
import type { useCursorList } from '../lib/paging.ts'
import { LoadMore } from './LoadMore.tsx'

type CursorList<T> = ReturnType<typeof useCursorList<T>>

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: CursorList<T>
  testId: string
}

/** A keyset-paged list as every list page shows it: its error, the table, and "load more". */
export function CursorTable<T extends { id: number }>({ list, testId, ...table }: Props<T>) {
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<T>
        data-testid={testId}
        rowKey="id"
        dataSource={list.rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        {...table}
      />
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}
