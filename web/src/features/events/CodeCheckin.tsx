import { useMutation, useQueryClient } from '@tanstack/react-query'
import { DOOR_CODE_ALPHABET, DOOR_CODE_LENGTH, normaliseDoorCode } from '@tongxin/contracts'
import { Alert, App, Button, Card, Flex, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, call } from '../../lib/api.ts'
import { eventKeys } from './api.ts'
import { newNonce } from './scan-queue.ts'

const VALID = new RegExp(`^[${DOOR_CODE_ALPHABET}]{${DOOR_CODE_LENGTH}}$`)

/**
 * A registrant types the code the organiser shows or reads out. The shape is checked here first, so a
 * slip of the finger gets a sentence at once and costs none of the limited tries; the server checks again.
 */
export function CodeCheckin({ eventId }: { eventId: number }) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [nonce, setNonce] = useState(newNonce)
  const client = useQueryClient()
  const { message } = App.useApp()
  const send = useMutation({
    mutationFn: async (typed: string) => {
      await call('POST /api/events/:id/code-checkins', {
        params: { id: eventId },
        body: { code: typed, nonce },
      })
      return call('GET /api/events/:id', { params: { id: eventId } })
    },
    onSuccess: (event) => {
      client.setQueryData(eventKeys.detail(event.id), event)
      void client.invalidateQueries({ queryKey: eventKeys.list() })
      void message.success(t('events.code.done'))
    },
    onError: (error) => {
      // Answered (wrong, locked, outside the window): the next try is a new attempt. A network failure
      // keeps the nonce, so sending again cannot count twice.
      if (error instanceof ApiError && error.status > 0) setNonce(newNonce())
      setProblem(error.message)
    },
  })
  const submit = () => {
    const typed = normaliseDoorCode(code)
    if (!VALID.test(typed)) {
      setProblem(t('events.code.malformed', { length: DOOR_CODE_LENGTH }))
      return
    }
    setProblem(null)
    send.mutate(typed)
  }
  return (
    <Card size="small" title={t('events.code.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('events.code.hint')}</Typography.Text>
        <Flex gap={8}>
          <Input
            size="large"
            value={code}
            maxLength={12}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('events.code.placeholder')}
            aria-label={t('events.code.title')}
            status={problem ? 'error' : undefined}
            onChange={(e) => {
              setCode(e.target.value.toUpperCase())
              setProblem(null)
            }}
            onPressEnter={submit}
            data-testid="door-code-input"
            style={{ fontFamily: 'monospace', letterSpacing: 2 }}
          />
          <Button
            size="large"
            type="primary"
            onClick={submit}
            loading={send.isPending}
            data-testid="door-code-submit"
          >
            {t('events.code.submit')}
          </Button>
        </Flex>
        {problem && <Alert type="error" showIcon title={problem} data-testid="door-code-problem" />}
      </Flex>
    </Card>
  )
}
