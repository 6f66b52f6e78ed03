import { useMutation, useQuery } from '@tanstack/react-query'
import type { ImportJob, ImportKind } from '@tongxin/contracts'
import { call } from '../../lib/api.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Query keys of the imports feature: a job followed while it commits. */
export const importKeys = {
  all: () => ['imports'] as const,
  job: (id: number | null) => ['imports', id] as const,
}

/** A job by id, once (a page reopening a checked file). */
export const fetchImportJob = (id: number) => call('GET /api/imports/:id', { params: { id } })

export const FINISHED = new Set<ImportJob['status']>(['committed', 'failed', 'rejected'])

/** Dry run: the server parses and checks the file and answers with the diff; nothing is written yet. */
export function useUploadImport() {
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      call('POST /api/imports/:kind', {
        params: { kind },
        query: { fileName: file.name },
        raw: { data: file, contentType: XLSX_TYPE },
      }),
  })
}

export function useCommitImport() {
  return useMutation({
    mutationFn: (id: number) => call('POST /api/imports/:id/commit', { params: { id } }),
  })
}

/** Follows a job while it is being committed, once a second, until it has finished one way or the other. */
export function useImportJob(id: number | null, follow: boolean) {
  return useQuery({
    queryKey: importKeys.job(id),
    queryFn: ({ signal }) => call('GET /api/imports/:id', { params: { id: id! }, signal }),
    enabled: id !== null && follow,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
    gcTime: 0,
  })
}
