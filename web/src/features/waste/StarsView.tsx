import type { BuildingStars } from '@tongxin/contracts'
import { Flex, Rate, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Text } from '../../components/Light.tsx'

export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

/**
 * The star list as the lobby board shows it: large type, no paging or sorting, so it is a plain table and the
 * public board loads neither the desk's table component nor the chart library.
 */
export function StarBoardList({ data }: { data: BuildingStars }) {
  const { t } = useTranslation()
  const cell = { padding: '12px 16px', borderBottom: '1px solid #e5e5e5', textAlign: 'left' } as const
  return (
    <div style={{ overflowX: 'auto', background: '#fff', borderRadius: 8 }}>
      <table
        data-testid="waste-star-list"
        style={{ width: '100%', borderCollapse: 'collapse', fontSize: 18 }}
      >
        <thead>
          <tr>
            {(['floor', 'stars', 'rate', 'patrols'] as const).map((k) => (
              <th key={k} scope="col" style={{ ...cell, background: '#fafafa', whiteSpace: 'nowrap' }}>
                {t(`waste.stars.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.floors.length === 0 && (
            <tr>
              <td colSpan={4} style={{ ...cell, textAlign: 'center', padding: 32 }}>
                <Text type="secondary">{t('waste.stars.noFloors')}</Text>
              </td>
            </tr>
          )}
          {data.floors.map((f) => (
            <tr key={f.floor}>
              <th scope="row" style={{ ...cell, fontSize: 24, whiteSpace: 'nowrap' }}>
                {t('waste.patrol.floor', { floor: f.floor })}
              </th>
              <td style={cell}>
                {f.stars === null ? (
                  <Text type="secondary">{t('waste.stars.notYet')}</Text>
                ) : (
                  <Rate disabled value={f.stars} style={{ fontSize: 28 }} />
                )}
              </td>
              <td style={cell}>{pct(f.rate)}</td>
              <td style={cell}>{f.patrols}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function RecognitionNote({ data }: { data: BuildingStars }) {
  const { t } = useTranslation()
  const th = data.rule.starThresholds
  return (
    <Flex vertical gap={4}>
      <Text type="secondary">{t('waste.stars.recognition')}</Text>
      <Text type="secondary">
        {t('waste.stars.ruleText', {
          window: data.rule.starWindow,
          five: pct(th[4] ?? null),
          four: pct(th[3] ?? null),
        })}
      </Text>
      {data.demonstration && (
        <Tag color="green" style={{ alignSelf: 'flex-start' }}>
          {t('waste.stars.demonstration', { date: data.demonstration.designatedOn })}
        </Tag>
      )}
    </Flex>
  )
}
