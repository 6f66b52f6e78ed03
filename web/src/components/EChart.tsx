import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { type CSSProperties, useEffect, useMemo, useRef } from 'react'

// Only what the dashboards draw: keeps the chart chunk a fraction of the full ECharts build.
echarts.use([
  PieChart,
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  GraphicComponent,
  CanvasRenderer,
])

export type EChartOption = echarts.EChartsCoreOption
export interface EChartClick {
  name: string
  dataIndex: number
  seriesIndex?: number
  data?: unknown
}

interface Props {
  option: EChartOption
  height?: number
  onClick?: (event: EChartClick) => void
  style?: CSSProperties
  'data-testid'?: string
  /** What the chart shows, in words: its name for screen readers (the figures follow in a hidden table). */
  'aria-label': string
}

type Series = { name?: unknown; data?: unknown[] }
const list = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const text = (v: unknown): string =>
  Array.isArray(v) ? text(v[v.length - 1]) : typeof v === 'number' ? v.toLocaleString() : String(v ?? '')

/**
 * The chart's figures as rows (label, one value per series), read from the option itself so no chart can
 * forget its text alternative: a category axis gives the labels, else each data item's `name`.
 */
export function chartFigures(option: EChartOption): { series: string[]; rows: string[][] } {
  const series = list(option.series as Series | Series[] | undefined)
  const axes = [...list(option.xAxis as { data?: unknown[] }), ...list(option.yAxis as { data?: unknown[] })]
  const categories = axes.find((a) => Array.isArray(a?.data))?.data ?? []
  const length = Math.max(0, ...series.map((s) => s.data?.length ?? 0))
  const rows: string[][] = []
  for (let i = 0; i < length; i++) {
    const first = series.find((s) => s.data?.[i] !== undefined)?.data?.[i]
    const named = typeof first === 'object' && first !== null && !Array.isArray(first) ? first : undefined
    const label = categories[i] ?? (named as { name?: unknown } | undefined)?.name ?? i + 1
    const values = series.map((s) => {
      const item = s.data?.[i]
      return text(
        typeof item === 'object' && item !== null && !Array.isArray(item)
          ? (item as { value?: unknown }).value
          : item,
      )
    })
    rows.push([text(label).replace(/\n/g, ' '), ...values])
  }
  return { series: series.map((s, i) => text(s.name) || String(i + 1)), rows }
}

// Out of sight, not out of the accessibility tree (display: none would hide it from screen readers too).
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
}

/** A thin React wrapper around `echarts.init`: resizes with its box and disposes on unmount. */
export function EChart({ option, height = 300, onClick, style, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const clickHandler = useRef(onClick)
  clickHandler.current = onClick

  useEffect(() => {
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, undefined, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (params) => clickHandler.current?.(params as unknown as EChartClick))
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  const figures = useMemo(() => chartFigures(option), [option])
  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={box}
        role="img"
        data-testid={rest['data-testid']}
        aria-label={rest['aria-label']}
        style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
      />
      {/* A table ignores a width below its content, so the hiding box is a div around it: a bare hidden table
          still widened a 390 px page by its caption. */}
      <div style={VISUALLY_HIDDEN}>
        <table data-testid={rest['data-testid'] && `${rest['data-testid']}-figures`}>
          <caption>{rest['aria-label']}</caption>
          <thead>
            <tr>
              <td />
              {figures.series.map((name, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: series have no other identity, and never reorder.
                <th key={i} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figures.rows.map(([label, ...values], r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows follow the chart's data order.
              <tr key={r}>
                <th scope="row">{label}</th>
                {values.map((v, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one cell per series.
                  <td key={i}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
