import { useMutation, useQuery } from '@tanstack/react-query'
import type { ImportJob, ImportKind } from '@tongxin/contracts'
import { api } from '../../lib/api.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const FINISHED = new Set<ImportJob['status']>(['committed', 'failed', 'rejected'])

/** Dry run: the server parses and checks the file and answers with the diff; nothing is written yet. */
export function useUploadImport() {
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      api<ImportJob>(`/api/imports/${kind}`, {
        method: 'POST',
        query: { fileName: file.name },
        raw: { data: file, contentType: XLSX_TYPE },
      }),
  })
}

export function useCommitImport() {
  return useMutation({
    mutationFn: (id: number) => api<ImportJob>(`/api/imports/${id}/commit`, { method: 'POST' }),
  })
}

/** Follows a job while it is being committed, once a second, until it has finished one way or the other. */
export function useImportJob(id: number | null, follow: boolean) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api<ImportJob>(`/api/imports/${id}`, { signal }),
    enabled: id !== null && follow,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
    gcTime: 0,
  })
}
