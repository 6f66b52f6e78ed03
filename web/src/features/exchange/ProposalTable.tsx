import { LockOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons'
import type { PinInput, Round } from '@tongxin/contracts'
import { Button, Flex, List, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

type Pair = NonNullable<Round['proposal']>['pairs'][number]
type Reason = Pair['reasons'][number]

export const pairKey = (p: { unitId: number; targetKey: string }) => `${p.unitId}|${p.targetKey}`

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (
    <Flex vertical gap={2} data-testid="pair-reasons">
      {reasons.map((r) => (
        <Typography.Text key={`${r.kind}${r.zh}`} style={{ fontSize: 13 }}>
          {zh ? r.zh : r.en}{' '}
          <Typography.Text type={r.points < 0 ? 'danger' : 'success'} style={{ fontSize: 13 }}>
            {r.points > 0 ? `+${r.points}` : r.points}
          </Typography.Text>
        </Typography.Text>
      ))}
    </Flex>
  )
}

/**
 * The proposal, one row per pair with its reasons; new pairs since the last solve are highlighted. While the
 * round is editable each pair can be pinned or forbidden; the changes wait in `pins` until staff solve again.
 */
export function ProposalTable({
  round,
  pins,
  onPins,
  editable,
}: {
  round: Round
  pins: PinInput[]
  onPins: (pins: PinInput[]) => void
  editable: boolean
}) {
  const { t } = useTranslation()
  const proposal = round.proposal!
  const providerName = new Map(round.providerList.map((p) => [p.unitId, p.name]))
  const targetName = new Map(round.targetList.map((x) => [x.key, x.name]))
  const pinOf = new Map(pins.map((p) => [pairKey(p), p]))
  const setPin = (pair: { unitId: number; targetKey: string }, kind: 'pin' | 'forbid' | null) => {
    const rest = pins.filter((p) => pairKey(p) !== pairKey(pair))
    onPins(kind ? [...rest, { unitId: pair.unitId, targetKey: pair.targetKey, kind }] : rest)
  }
  return (
    <Flex vertical gap={12}>
      <Table<Pair>
        rowKey={pairKey}
        size="small"
        dataSource={proposal.pairs}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="proposal-table"
        onRow={(pair) => ({
          style: pair.change === 'added' ? { background: 'rgba(82, 196, 26, 0.12)' } : undefined,
          'data-change': pair.change,
        })}
        columns={[
          {
            title: t('exchange.matching.round.pair.target'),
            render: (_, pair) => targetName.get(pair.targetKey) ?? pair.targetKey,
          },
          {
            title: t('exchange.matching.round.pair.provider'),
            render: (_, pair) => (
              <Flex gap={4} wrap align="center">
                {providerName.get(pair.unitId) ?? pair.unitId}
                {pair.change === 'added' && <Tag color="green">{t('exchange.matching.round.added')}</Tag>}
                {pair.pinned && <Tag color="gold">{t('exchange.matching.round.pinned')}</Tag>}
              </Flex>
            ),
          },
          { title: t('exchange.matching.round.pair.score'), dataIndex: 'score', align: 'right' },
          {
            title: t('exchange.matching.round.pair.reasons'),
            render: (_, pair) => <ReasonList reasons={pair.reasons} />,
          },
          ...(editable
            ? [
                {
                  title: t('exchange.matching.round.pair.actions'),
                  render: (_: unknown, pair: Pair) => {
                    const current = pinOf.get(pairKey(pair))?.kind
                    return current ? (
                      <Button size="small" icon={<UndoOutlined />} onClick={() => setPin(pair, null)}>
                        {current === 'pin'
                          ? t('exchange.matching.round.pinned')
                          : t('exchange.matching.round.forbidden')}
                      </Button>
                    ) : (
                      <Flex gap={4}>
                        <Button size="small" icon={<LockOutlined />} onClick={() => setPin(pair, 'pin')}>
                          {t('exchange.matching.round.pin')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          icon={<StopOutlined />}
                          onClick={() => setPin(pair, 'forbid')}
                          data-testid="forbid-pair"
                        >
                          {t('exchange.matching.round.forbid')}
                        </Button>
                      </Flex>
                    )
                  },
                },
              ]
            : []),
        ]}
      />
      {proposal.removed.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('exchange.matching.round.removed')}</Typography.Text>}
          dataSource={proposal.removed}
          data-testid="removed-pairs"
          renderItem={(pair) => (
            <List.Item>
              <Typography.Text delete type="secondary">
                {targetName.get(pair.targetKey) ?? pair.targetKey} ×{' '}
                {providerName.get(pair.unitId) ?? pair.unitId} ({pair.score})
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Flex>
  )
}
