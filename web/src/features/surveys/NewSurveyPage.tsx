import { useMutation } from '@tanstack/react-query'
import {
  RESPONDENT_ATTRIBUTES,
  SURVEY_QUESTION_TYPES,
  type SurveyInput,
  type SurveyQuestion,
} from '@tongxin/contracts'
import { Alert, Button, Card, DatePicker, Flex, Input, InputNumber, Select, Switch, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { areaRoots } from '../../lib/scope.ts'
import { useSession } from '../auth/session.ts'

type Draft = SurveyQuestion & { optionText: string }
const CHOICE = new Set(['single', 'multiple', 'ranking'])

/** Questions as the API wants them: option lines become options o1, o2, …; fields of other types dropped. */
function toQuestion(d: Draft): SurveyQuestion {
  const { optionText, ...q } = d
  const out: SurveyQuestion = { key: q.key, type: q.type, title: q.title, required: q.required }
  if (CHOICE.has(q.type))
    out.options = optionText
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((label, i) => ({ key: `o${i + 1}`, label }))
  if (q.type === 'multiple' && q.maxChoices) out.maxChoices = q.maxChoices
  if (q.type === 'rating') out.scale = q.scale ?? 5
  if (q.type === 'number') {
    if (q.min !== undefined && q.min !== null) out.min = q.min
    if (q.max !== undefined && q.max !== null) out.max = q.max
  }
  if (q.showIf?.question && q.showIf.anyOf.length > 0) out.showIf = q.showIf
  if (q.type === 'single' && q.attribute) out.attribute = q.attribute
  return out
}

let counter = 0
const blank = (): Draft => {
  counter++
  return {
    key: `q${Date.now().toString(36)}${counter}`,
    type: 'single',
    title: '',
    required: true,
    optionText: '',
  }
}

/** A questionnaire editor: the server checks everything again (branching may only look back) and says what is wrong. */
export function NewSurveyPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const me = useSession()
  // Starts at the caller's own area (a street admin's street), which is where most surveys belong.
  const [areaCode, setAreaCode] = useState<string | undefined>(() => areaRoots(me)[0]?.code)
  const [anonymous, setAnonymous] = useState(true)
  const [audience, setAudience] = useState<'area_workers' | 'area_residents'>('area_workers')
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(), dayjs().add(30, 'day')])
  const [questions, setQuestions] = useState<Draft[]>([blank()])
  const [problem, setProblem] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: (body: SurveyInput) => call('POST /api/surveys', { body }),
    onSuccess: (s) => navigate(`/surveys/${s.id}`),
    onError: (e) => setProblem(e instanceof ApiError ? e.message : String(e)),
  })
  const patch = (i: number, p: Partial<Draft>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...p } : q)))
  const submit = () => {
    setProblem(null)
    save.mutate({
      areaCode: areaCode ?? '',
      title,
      description,
      anonymous,
      audience: { kind: audience },
      questions: questions.map(toQuestion),
      opensAt: range[0].toISOString(),
      closesAt: range[1].toISOString(),
    })
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('surveys.editor.title')}
      </Typography.Title>
      <Card size="small">
        <Flex vertical gap={8}>
          <Input
            placeholder={t('surveys.editor.surveyTitle')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="editor-title"
          />
          <Input.TextArea
            placeholder={t('surveys.editor.description')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={2}
          />
          <AreaCascader
            value={areaCode}
            onChange={setAreaCode}
            width="100%"
            placeholder={t('surveys.editor.area')}
          />
          <Flex wrap gap={12} align="center">
            <Switch checked={anonymous} onChange={setAnonymous} />
            <span>{anonymous ? t('surveys.list.anonymous') : t('surveys.list.identified')}</span>
            <Select
              value={audience}
              onChange={setAudience}
              style={{ minWidth: 160 }}
              options={(['area_workers', 'area_residents'] as const).map((k) => ({
                value: k,
                label: t(`surveys.editor.audience.${k}`),
              }))}
            />
            <DatePicker.RangePicker
              showTime
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Flex>
        </Flex>
      </Card>
      {questions.map((q, i) => {
        const earlier = questions.slice(0, i).filter((x) => x.type === 'single' || x.type === 'multiple')
        const ref = earlier.find((x) => x.key === q.showIf?.question)
        const refOptions = ref ? (toQuestion(ref).options ?? []) : []
        return (
          <Card
            key={q.key}
            size="small"
            title={`${i + 1}.`}
            extra={
              <Button size="small" danger onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                {t('surveys.editor.remove')}
              </Button>
            }
          >
            <Flex vertical gap={8}>
              <Flex wrap gap={8}>
                <Select
                  value={q.type}
                  style={{ width: 120 }}
                  onChange={(type) => patch(i, { type })}
                  options={SURVEY_QUESTION_TYPES.map((k) => ({ value: k, label: t(`surveys.types.${k}`) }))}
                />
                <Switch
                  checked={q.required}
                  onChange={(required) => patch(i, { required })}
                  checkedChildren={t('surveys.answer.required')}
                  unCheckedChildren={t('surveys.editor.optional')}
                />
              </Flex>
              <Input
                placeholder={t('surveys.editor.questionTitle')}
                value={q.title}
                onChange={(e) => patch(i, { title: e.target.value })}
              />
              {CHOICE.has(q.type) && (
                <Input.TextArea
                  rows={3}
                  placeholder={t('surveys.editor.options')}
                  value={q.optionText}
                  onChange={(e) => patch(i, { optionText: e.target.value })}
                />
              )}
              {q.type === 'multiple' && (
                <InputNumber
                  min={1}
                  placeholder={t('surveys.editor.maxChoices')}
                  value={q.maxChoices}
                  onChange={(v) => patch(i, { maxChoices: v ?? undefined })}
                />
              )}
              {q.type === 'rating' && (
                <InputNumber
                  min={3}
                  max={10}
                  value={q.scale ?? 5}
                  onChange={(v) => patch(i, { scale: v ?? 5 })}
                  addonBefore="1 –"
                />
              )}
              {q.type === 'number' && (
                <Flex gap={8}>
                  <InputNumber
                    placeholder="min"
                    value={q.min}
                    onChange={(v) => patch(i, { min: v ?? undefined })}
                  />
                  <InputNumber
                    placeholder="max"
                    value={q.max}
                    onChange={(v) => patch(i, { max: v ?? undefined })}
                  />
                </Flex>
              )}
              {q.type === 'single' && (
                <Select
                  allowClear
                  placeholder={t('surveys.editor.attribute')}
                  value={q.attribute}
                  onChange={(attribute) => patch(i, { attribute })}
                  options={RESPONDENT_ATTRIBUTES.map((a) => ({
                    value: a,
                    label: t(`surveys.editor.attributes.${a}`),
                  }))}
                />
              )}
              {earlier.length > 0 && (
                <Flex wrap gap={8}>
                  <Select
                    allowClear
                    style={{ minWidth: 180 }}
                    placeholder={t('surveys.editor.showIf')}
                    value={q.showIf?.question}
                    onChange={(question) =>
                      patch(i, { showIf: question ? { question, anyOf: [] } : undefined })
                    }
                    options={earlier.map((x) => ({ value: x.key, label: x.title || x.key }))}
                  />
                  {ref && (
                    <Select
                      mode="multiple"
                      style={{ minWidth: 180 }}
                      value={q.showIf?.anyOf}
                      onChange={(anyOf) => patch(i, { showIf: { question: ref.key, anyOf } })}
                      options={refOptions.map((o) => ({ value: o.key, label: o.label }))}
                    />
                  )}
                </Flex>
              )}
            </Flex>
          </Card>
        )
      })}
      <Button onClick={() => setQuestions((qs) => [...qs, blank()])}>{t('surveys.editor.add')}</Button>
      {problem && <Alert type="error" showIcon message={problem} />}
      <Button type="primary" onClick={submit} loading={save.isPending} data-testid="editor-save">
        {t('surveys.editor.save')}
      </Button>
    </Flex>
  )
}
