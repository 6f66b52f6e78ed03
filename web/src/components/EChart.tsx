import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { type CSSProperties, useEffect, useRef } from 'react'

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
  'aria-label'?: string
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

  return (
    <div
      ref={box}
      role="img"
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  )
}
