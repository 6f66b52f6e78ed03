import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { WasteCategory } from '@tongxin/contracts'
import { Alert, Button, Flex, Input, InputNumber, Segmented, Spin } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outcome, Panel, Text, Title } from '../../components/Light.tsx'
import { call } from '../../lib/api.ts'
import { wasteKeys } from './api.ts'
import { CATEGORY_ORDER, CATEGORY_STYLE } from './categories.tsx'

const PER_PLAYER = 5

/** One round of questions; reports each answer so solo and relay modes count the same way. */
function Round({ player, onFinish }: { player: string | null; onFinish: (score: number) => void }) {
  const { t } = useTranslation()
  const questions = useQuery({
    queryKey: wasteKeys.quizRound(player),
    queryFn: ({ signal }) => call('GET /api/waste/quiz', { query: { n: PER_PLAYER }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  })
  const [i, setI] = useState(0)
  const [score, setScore] = useState(0)
  const [picked, setPicked] = useState<WasteCategory | null>(null)
  if (questions.isPending) return <Spin />
  if (questions.error) return <Alert type="error" showIcon title={questions.error.message} />
  const q = questions.data[i]
  if (!q) return null
  const answer = (c: WasteCategory) => {
    if (picked) return
    setPicked(c)
    if (c === q.category) setScore(score + 1)
  }
  const next = () => {
    if (i + 1 >= questions.data.length) onFinish(score)
    else {
      setI(i + 1)
      setPicked(null)
    }
  }
  return (
    <Panel padding={24} data-testid="waste-quiz-card">
      <Flex vertical gap={16}>
        <Text type="secondary">
          {player ? `${player} · ` : ''}
          {t('waste.quiz.progress', { n: i + 1, of: questions.data.length, score })}
        </Text>
        <Title level={2} style={{ margin: 0 }}>
          {q.item}
        </Title>
        <Flex wrap gap={8}>
          {CATEGORY_ORDER.map((c) => {
            const s = CATEGORY_STYLE[c]
            const isAnswer = picked && c === q.category
            const wrongPick = picked === c && c !== q.category
            return (
              <button
                key={c}
                type="button"
                onClick={() => answer(c)}
                data-testid={`waste-quiz-${c}`}
                style={{
                  flex: '1 1 40%',
                  minHeight: 64,
                  fontSize: 20,
                  borderRadius: 12,
                  border: isAnswer
                    ? '4px solid #52c41a'
                    : wrongPick
                      ? '4px solid #faad14'
                      : '4px solid transparent',
                  background: s.color,
                  color: s.text,
                  opacity: picked && !isAnswer && !wrongPick ? 0.45 : 1,
                  cursor: picked ? 'default' : 'pointer',
                }}
              >
                {s.icon} {t(`waste.categories.${c}`)}
              </button>
            )
          })}
        </Flex>
        {picked && (
          <Alert
            type={picked === q.category ? 'success' : 'warning'}
            showIcon
            title={
              picked === q.category
                ? t('waste.quiz.right')
                : t('waste.quiz.wrong', { category: t(`waste.categories.${q.category}`) })
            }
            description={q.reason}
          />
        )}
        {picked && (
          <Button type="primary" size="large" onClick={next}>
            {t('waste.quiz.next')}
          </Button>
        )}
      </Flex>
    </Panel>
  )
}

/**
 * 分类小测验: five items at a time, each answer explained. Relay mode for a floor team: players take the phone
 * in turn and their scores add up to the team's.
 */
export function QuizPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [mode, setMode] = useState<'solo' | 'relay'>('solo')
  const [team, setTeam] = useState('')
  const [players, setPlayers] = useState(3)
  const [turn, setTurn] = useState<number | null>(null)
  const [scores, setScores] = useState<number[]>([])
  const [game, setGame] = useState(0)

  const restart = () => {
    void qc.removeQueries({ queryKey: wasteKeys.quiz() })
    setScores([])
    setTurn(null)
    setGame(game + 1)
  }
  const total = scores.reduce((n, s) => n + s, 0)
  const done = mode === 'solo' ? scores.length === 1 : scores.length === players
  const playerName = (k: number) => t('waste.quiz.player', { n: k + 1 })

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <Flex vertical gap={12}>
        <Title level={3} style={{ margin: 0 }}>
          {t('waste.quiz.title')}
        </Title>
        {turn === null && !done && (
          <Panel padding={24}>
            <Flex vertical gap={12}>
              <Segmented
                block
                value={mode}
                onChange={(v) => setMode(v as 'solo' | 'relay')}
                options={[
                  { value: 'solo', label: t('waste.quiz.solo') },
                  { value: 'relay', label: t('waste.quiz.relay') },
                ]}
              />
              {mode === 'relay' && (
                <>
                  <Input
                    placeholder={t('waste.quiz.team')}
                    value={team}
                    maxLength={20}
                    onChange={(e) => setTeam(e.target.value)}
                  />
                  <Flex align="center" gap={8}>
                    {t('waste.quiz.players')}
                    <InputNumber min={2} max={12} value={players} onChange={(v) => setPlayers(v ?? 2)} />
                  </Flex>
                  <Text type="secondary">{t('waste.quiz.relayNote', { n: PER_PLAYER })}</Text>
                </>
              )}
              <Button type="primary" size="large" onClick={() => setTurn(0)} data-testid="waste-quiz-start">
                {t('waste.quiz.start')}
              </Button>
            </Flex>
          </Panel>
        )}
        {turn !== null && !done && (
          <>
            {mode === 'relay' && (
              <Text strong>
                {team || t('waste.quiz.teamDefault')} · {t('waste.quiz.teamScore', { score: total })}
              </Text>
            )}
            <Round
              key={`${game}-${turn}`}
              player={mode === 'relay' ? playerName(turn) : null}
              onFinish={(s) => {
                const next = [...scores, s]
                setScores(next)
                setTurn(mode === 'relay' && next.length < players ? turn + 1 : null)
              }}
            />
          </>
        )}
        {done && (
          <Outcome
            status="success"
            title={
              mode === 'relay'
                ? t('waste.quiz.teamResult', {
                    team: team || t('waste.quiz.teamDefault'),
                    score: total,
                    of: players * PER_PLAYER,
                  })
                : t('waste.quiz.result', { score: total, of: PER_PLAYER })
            }
            subTitle={
              mode === 'relay' ? scores.map((s, k) => `${playerName(k)}：${s}`).join('　') : undefined
            }
            extra={
              <Button type="primary" onClick={restart}>
                {t('waste.quiz.again')}
              </Button>
            }
          />
        )}
      </Flex>
    </div>
  )
}
