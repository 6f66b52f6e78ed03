import { useQuery } from '@tanstack/react-query'
import type { RespondentAttribute } from '@tongxin/contracts'
import { call } from '../../lib/api.ts'

/**
 * Query keys of the surveys feature: surveys and their analysis, service projects and QR content items. The
 * answering and listening pages are public chunks (their byte budget is tight), so this file imports nothing
 * but react-query and `call`.
 */
export const surveyKeys = {
  list: () => ['surveys'] as const,
  detail: (id: number) => ['survey', id] as const,
  analysis: (id: number) => ['survey-analysis', id] as const,
  crossTab: (id: number, question: string | undefined, by: RespondentAttribute) =>
    ['survey-crosstab', id, question, by] as const,
  themes: (id: number, question: string | undefined) => ['survey-themes', id, question] as const,
  /** The questionnaire as the answering page reads it, by the survey's public slug. */
  form: (slug: string) => ['survey-form', slug] as const,
  projects: () => ['service-projects'] as const,
  project: (id: number) => ['service-project', id] as const,
  qrContents: () => ['qr-contents'] as const,
  /** A QR content item's public page, by its slug. */
  listen: (slug: string) => ['listen', slug] as const,
}

export function useSurveys() {
  return useQuery({
    queryKey: surveyKeys.list(),
    queryFn: ({ signal }) => call('GET /api/surveys', { signal }),
  })
}

export function useSurvey(id: number) {
  return useQuery({
    queryKey: surveyKeys.detail(id),
    queryFn: ({ signal }) => call('GET /api/surveys/:id', { params: { id }, signal }),
  })
}

export function useSurveyAnalysis(id: number) {
  return useQuery({
    queryKey: surveyKeys.analysis(id),
    queryFn: ({ signal }) => call('GET /api/surveys/:id/analysis', { params: { id }, signal }),
  })
}

/** A choice question's answers by a respondent attribute; asked once a question is chosen. */
export function useCrossTab(id: number, question: string | undefined, by: RespondentAttribute) {
  return useQuery({
    queryKey: surveyKeys.crossTab(id, question, by),
    enabled: question !== undefined,
    queryFn: ({ signal }) =>
      call('GET /api/surveys/:id/crosstab', { params: { id }, query: { question: question!, by }, signal }),
  })
}

/** The top terms of a free-text question; asked once a question is chosen. */
export function useThemes(id: number, question: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.themes(id, question),
    enabled: question !== undefined,
    queryFn: ({ signal }) =>
      call('GET /api/surveys/:id/themes', {
        params: { id },
        query: { question: question!, top: 20 },
        signal,
      }),
  })
}

export function useSurveyForm(slug: string) {
  return useQuery({
    queryKey: surveyKeys.form(slug),
    queryFn: ({ signal }) => call('GET /api/public/surveys/:slug', { params: { slug }, signal }),
    retry: false,
  })
}

export function useServiceProjects() {
  return useQuery({
    queryKey: surveyKeys.projects(),
    queryFn: ({ signal }) => call('GET /api/service-projects', { signal }),
  })
}

export function useServiceProject(id: number) {
  return useQuery({
    queryKey: surveyKeys.project(id),
    queryFn: ({ signal }) => call('GET /api/service-projects/:id', { params: { id }, signal }),
  })
}

export function useQrContents() {
  return useQuery({
    queryKey: surveyKeys.qrContents(),
    queryFn: ({ signal }) => call('GET /api/qr-contents', { signal }),
  })
}

export function usePublicQr(slug: string) {
  return useQuery({
    queryKey: surveyKeys.listen(slug),
    queryFn: ({ signal }) => call('GET /api/public/qr/:slug', { params: { slug }, signal }),
    retry: false,
  })
}
