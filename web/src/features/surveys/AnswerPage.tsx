import { useMutation } from '@tanstack/react-query'
import type { SurveyQuestion } from '@tongxin/contracts'
import { Alert, Button, Checkbox, Flex, InputNumber, Radio, Rate, Spin, Tag } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import TextArea from 'antd/es/input/TextArea'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Outcome, Panel, Paragraph, Text, Title } from '../../components/Light.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { useSurveyForm } from './api.ts'
import { type Answers, type AnswerValue, isBlank, visibleKeys } from './visibility.ts'

function Ranking({
  q,
  value,
  onChange,
}: {
  q: SurveyQuestion
  value: string[]
  onChange: (v: string[]) => void
}) {
  const { t } = useTranslation()
  const options = q.options ?? []
  return (
    <Flex vertical gap={8}>
      <Text type="secondary">{t('surveys.answer.rankHint')}</Text>
      {options.map((o) => {
        const pos = value.indexOf(o.key)
        return (
          <Button
            key={o.key}
            block
            type={pos >= 0 ? 'primary' : 'default'}
            onClick={() => pos < 0 && onChange([...value, o.key])}
            style={{ justifyContent: 'flex-start', whiteSpace: 'normal', height: 'auto', minHeight: 40 }}
          >
            {pos >= 0 ? `${pos + 1}. ` : ''}
            {o.label}
          </Button>
        )
      })}
      {value.length > 0 && (
        <Button size="small" type="link" onClick={() => onChange([])}>
          {t('surveys.answer.rankReset')}
        </Button>
      )}
    </Flex>
  )
}

function QuestionInput({
  q,
  value,
  onChange,
}: {
  q: SurveyQuestion
  value: AnswerValue | undefined
  onChange: (v: AnswerValue | undefined) => void
}) {
  const big = { fontSize: 16, padding: '6px 0' }
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value)}>
          <Flex vertical>
            {(q.options ?? []).map((o) => (
              <Radio key={o.key} value={o.key} style={big}>
                {o.label}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      )
    case 'multiple':
      return (
        <Checkbox.Group
          value={(value as string[] | undefined) ?? []}
          onChange={(v) => onChange(v as string[])}
        >
          <Flex vertical>
            {(q.options ?? []).map((o) => (
              <Checkbox
                key={o.key}
                value={o.key}
                style={big}
                disabled={
                  q.maxChoices !== undefined &&
                  !((value as string[] | undefined) ?? []).includes(o.key) &&
                  ((value as string[] | undefined) ?? []).length >= q.maxChoices
                }
              >
                {o.label}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      )
    case 'rating':
      return (
        <Rate
          count={q.scale ?? 5}
          value={(value as number | undefined) ?? 0}
          onChange={(v) => onChange(v || undefined)}
          style={{ fontSize: 30 }}
        />
      )
    case 'ranking':
      return <Ranking q={q} value={(value as string[] | undefined) ?? []} onChange={onChange} />
    case 'number':
      return (
        <InputNumber
          aria-label={q.title}
          inputMode="decimal"
          min={q.min}
          max={q.max}
          value={value as number | undefined}
          onChange={(v) => onChange(v === null ? undefined : Number(v))}
          style={{ width: '100%' }}
          size="large"
        />
      )
    case 'text':
      return (
        <TextArea
          aria-label={q.title}
          rows={3}
          maxLength={2000}
          value={value as string | undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )
  }
}

/** The phone-first answering page, reached by link or QR code; no login for anonymous surveys. */
export function AnswerPage() {
  const { t } = useTranslation()
  const { slug = '' } = useParams()
  const [answers, setAnswers] = useState<Answers>({})
  const [problem, setProblem] = useState<string | null>(null)
  /** The first required question left blank at the last submit: marked, and scrolled to. */
  const [missing, setMissing] = useState<string | null>(null)
  const scrollTo = useRef<string | null>(null)
  useEffect(() => {
    if (!missing || scrollTo.current !== missing) return
    scrollTo.current = null
    const card = document.querySelector<HTMLElement>(`[data-testid="survey-q-${missing}"]`)
    // After the render that marked it, so nothing that render changes moves the page again.
    card?.scrollIntoView({ block: 'center' })
    card?.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true })
  })
  const form = useSurveyForm(slug)
  const submit = useMutation({
    mutationFn: (payload: Record<string, AnswerValue>) => {
      const sent = { params: { slug }, body: { answers: payload } }
      return form.data?.anonymous
        ? call('POST /api/public/surveys/:slug/responses', sent)
        : call('POST /api/surveys/answer/:slug', sent)
    },
    onError: (e) => setProblem(e instanceof ApiError ? e.message : String(e)),
  })

  const wrap = (children: React.ReactNode) => (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12, boxSizing: 'border-box', width: '100%' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      {children}
    </div>
  )
  if (form.isPending) return wrap(<Spin />)
  if (form.isError || !form.data)
    return wrap(
      <Outcome status="warning" title={t('surveys.answer.notFound')} data-testid="survey-not-found" />,
    )
  const s = form.data
  if (submit.isSuccess)
    return wrap(<Outcome status="success" title={t('surveys.answer.submitted')} data-testid="survey-done" />)
  const header = (
    <>
      <Title level={3} style={{ marginTop: 0 }}>
        {s.title}
      </Title>
      {s.description && <Paragraph>{s.description}</Paragraph>}
      {s.anonymous && <Paragraph type="secondary">{t('surveys.answer.anonymousNote')}</Paragraph>}
    </>
  )
  if (s.answered)
    return wrap(
      <>
        {header}
        <Outcome status="info" title={t('surveys.answer.alreadyAnswered')} data-testid="survey-answered" />
      </>,
    )
  if (s.state !== 'open')
    return wrap(
      <>
        {header}
        <Outcome status="warning" title={t(`surveys.answer.${s.state}`)} data-testid="survey-closed" />
      </>,
    )
  if (s.loginRequired)
    return wrap(
      <>
        {header}
        <Outcome
          status="info"
          data-testid="survey-login-required"
          title={t('surveys.answer.loginRequired')}
          extra={
            <Link to="/login" state={{ from: { pathname: `/survey/${slug}` } }}>
              {t('surveys.answer.login')}
            </Link>
          }
        />
      </>,
    )

  const visible = visibleKeys(s.questions, answers)
  const shown = s.questions.filter((q) => visible.has(q.key))
  const onSubmit = () => {
    setProblem(null)
    const payload: Record<string, AnswerValue> = {}
    for (const q of shown) {
      const v = answers[q.key]
      if (isBlank(v)) {
        if (q.required) {
          setMissing(q.key)
          scrollTo.current = q.key
          return
        }
        continue
      }
      payload[q.key] = typeof v === 'string' ? v.trim() : (v as AnswerValue)
    }
    submit.mutate(payload)
  }
  return wrap(
    <>
      {header}
      <Flex vertical gap={12}>
        {shown.map((q, i) => (
          <Panel
            key={q.key}
            data-testid={`survey-q-${q.key}`}
            data-missing={missing === q.key || undefined}
            style={
              missing === q.key
                ? { borderColor: '#ff4d4f', boxShadow: '0 0 0 2px rgba(255,77,79,0.2)' }
                : undefined
            }
          >
            <Paragraph strong style={{ fontSize: 16 }}>
              {/* Numbered as shown: a question hidden by an earlier answer leaves no gap. */}
              {i + 1}. {q.title} {q.required && <Tag color="red">{t('surveys.answer.required')}</Tag>}
              {q.maxChoices !== undefined && (
                <Tag>{t('surveys.answer.chooseUpTo', { count: q.maxChoices })}</Tag>
              )}
            </Paragraph>
            <QuestionInput
              q={q}
              value={answers[q.key]}
              onChange={(v) => {
                setAnswers((a) => ({ ...a, [q.key]: v }))
                if (missing === q.key && !isBlank(v)) setMissing(null)
              }}
            />
            {missing === q.key && (
              <Text
                type="danger"
                role="alert"
                data-testid="survey-q-error"
                style={{ display: 'block', marginTop: 8 }}
              >
                {t('surveys.answer.missingHere')}
              </Text>
            )}
          </Panel>
        ))}
        {missing && (
          <Alert
            type="error"
            showIcon
            title={t('surveys.answer.missing', { index: shown.findIndex((q) => q.key === missing) + 1 })}
          />
        )}
        {problem && <Alert type="error" showIcon title={problem} data-testid="survey-problem" />}
        <Button
          type="primary"
          size="large"
          block
          loading={submit.isPending}
          onClick={onSubmit}
          data-testid="survey-submit"
        >
          {t('surveys.answer.submit')}
        </Button>
      </Flex>
    </>,
  )
}
