import type { MapLayer, MapPoint } from '@tongxin/contracts'
import { ScatterChart } from 'echarts/charts'
import { GeoComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef, useState } from 'react'

echarts.use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer])

export const LAYER_STYLE: Record<MapLayer, { color: string; symbol: string; size: number }> = {
  buildings: { color: '#1677ff', symbol: 'rect', size: 9 },
  stations: { color: '#cf1322', symbol: 'pin', size: 20 },
  dutyPoints: { color: '#389e0d', symbol: 'triangle', size: 10 },
  needs: { color: '#d46b08', symbol: 'diamond', size: 12 },
}

// The district outlines of Shanghai (GB/T 2260 codes as feature ids) from ECharts 4.9's packaged map data
// (Apache-2.0; ECharts 5 stopped shipping it), fetched on first use only: ~12 KB compressed coordinates.
let registered: Promise<void> | null = null
function shanghaiOutline() {
  registered ??= import('echarts-shanghai-geo/map/json/province/shanghai.json').then((m) => {
    echarts.registerMap('shanghai', m.default as unknown as Parameters<typeof echarts.registerMap>[1])
  })
  // A chunk that failed to load (a phone losing signal) is asked for again the next time a map opens.
  registered.catch(() => {
    registered = null
  })
  return registered
}

/** The box around the points (or the whole city), as a centre and a zoom for the geo component. */
function view(points: MapPoint[]) {
  if (points.length === 0) return { center: [121.47, 31.23], zoom: 1.1 }
  const lats = points.map((p) => p.lat)
  const lngs = points.map((p) => p.lng)
  const span = Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lngs) - Math.min(...lngs), 0.02)
  // The whole city spans ~1.3°: zoom so the points' box takes about half the frame, with the district's
  // outline around it in view (a user zooms further with the wheel or two fingers).
  const zoom = Math.min(20, Math.max(1.1, 0.6 / span))
  return {
    center: [(Math.max(...lngs) + Math.min(...lngs)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2],
    zoom,
  }
}

export function AreaMap({
  points,
  layerNames,
  onOpen,
  height,
  label,
}: {
  points: MapPoint[]
  layerNames: Record<MapLayer, string>
  onOpen: (p: MapPoint) => void
  height: number
  label: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const [ready, setReady] = useState(false)
  const open = useRef(onOpen)
  open.current = onOpen

  useEffect(() => {
    let disposed = false
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, undefined, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (e) => {
      const p = (e.data as { point?: MapPoint } | undefined)?.point
      if (p) open.current(p)
    })
    // For the browser test: where a point is drawn, so it can click it like a user.
    Object.assign(element, {
      pixelOf: (lng: number, lat: number) => instance.convertToPixel({ geoIndex: 0 }, [lng, lat]),
    })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element)
    shanghaiOutline().then(
      () => !disposed && setReady(true),
      // Without the outline there is no map to draw on; the next time the map opens it is fetched again.
      () => undefined,
    )
    return () => {
      disposed = true
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    if (!ready || !chart.current) return
    const { center, zoom } = view(points)
    const tip = (p?: MapPoint) =>
      p
        ? `${layerNames[p.layer]}<br/>${escapeHtml(p.name)}${p.buildingName && p.layer !== 'buildings' ? `<br/>${escapeHtml(p.buildingName)}` : ''}`
        : ''
    const layers = Object.keys(LAYER_STYLE) as MapLayer[]
    chart.current.setOption(
      {
        animation: false,
        tooltip: { trigger: 'item', formatter: (p: { data?: { point?: MapPoint } }) => tip(p.data?.point) },
        geo: {
          map: 'shanghai',
          roam: true,
          center,
          zoom,
          label: { show: true, fontSize: 10, color: '#8c8c8c' },
          itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c', borderWidth: 1.2 },
          emphasis: { disabled: true },
        },
        series: layers.map((layer) => ({
          type: 'scatter',
          name: layerNames[layer],
          coordinateSystem: 'geo',
          symbol: LAYER_STYLE[layer].symbol,
          symbolSize: LAYER_STYLE[layer].size,
          itemStyle: { color: LAYER_STYLE[layer].color, opacity: 1, borderColor: '#fff', borderWidth: 1 },
          data: points
            .filter((p) => p.layer === layer)
            .map((p) => ({ name: p.name, value: [p.lng, p.lat], point: p })),
        })),
      },
      { notMerge: true },
    )
  }, [ready, points, layerNames])

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="area-map"
      data-ready={ready ? 'true' : 'false'}
      data-drawn={points.length}
      style={{ width: '100%', height, cursor: 'pointer' }}
    />
  )
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
