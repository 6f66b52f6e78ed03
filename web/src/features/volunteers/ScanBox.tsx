import type { VolunteerScanResult } from '@tongxin/contracts'
import { Alert, Button, Flex, Input, Segmented } from 'antd'
import jsQR from 'jsqr'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api.ts'
import { newNonce } from './shared.tsx'

type Send = (body: { token: string; nonce: string; action: 'in' | 'out' }) => Promise<VolunteerScanResult>

/**
 * Camera (jsQR) or pasted code → one scan with its own nonce. A scan that fails for lack of network is kept
 * with the same nonce and sent again when the browser is back online, so the server counts it once.
 */
export function ScanBox({ send, onDone }: { send: Send; onDone?: (r: VolunteerScanResult) => void }) {
  const { t } = useTranslation()
  const [action, setAction] = useState<'in' | 'out'>('in')
  const [manual, setManual] = useState('')
  const [camera, setCamera] = useState(false)
  const [result, setResult] = useState<{ type: 'success' | 'error' | 'warning'; text: string } | null>(null)
  const pending = useRef<{ token: string; nonce: string; action: 'in' | 'out' } | null>(null)
  const video = useRef<HTMLVideoElement>(null)

  const submit = async (body: { token: string; nonce: string; action: 'in' | 'out' }) => {
    try {
      const r = await send(body)
      pending.current = null
      const text =
        r.action === 'in'
          ? t('volunteers.scan.inOk', { point: r.pointName })
          : t('volunteers.scan.outOk', { point: r.pointName, minutes: r.minutes ?? 0 })
      setResult({ type: 'success', text: r.duplicate ? `${text} ${t('volunteers.scan.duplicate')}` : text })
      onDone?.(r)
    } catch (e) {
      if (e instanceof ApiError) {
        pending.current = null
        setResult({ type: 'error', text: e.message })
      } else {
        pending.current = body
        setResult({ type: 'warning', text: t('volunteers.scan.queued') })
      }
    }
  }

  useEffect(() => {
    const retry = () => {
      if (pending.current) void submit(pending.current)
    }
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  })

  // The camera loop reads the current action and handlers through a ref, so it restarts only on/off.
  const latest = useRef({ submit, action, t })
  latest.current = { submit, action, t }

  useEffect(() => {
    if (!camera) return
    let stream: MediaStream | null = null
    let raf = 0
    let stopped = false
    const canvas = document.createElement('canvas')
    const tick = () => {
      const v = video.current
      if (stopped || !v) return
      if (v.readyState >= 2 && v.videoWidth > 0) {
        canvas.width = v.videoWidth
        canvas.height = v.videoHeight
        const g = canvas.getContext('2d', { willReadFrequently: true })!
        g.drawImage(v, 0, 0)
        const code = jsQR(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)
        if (code?.data) {
          setCamera(false)
          void latest.current.submit({ token: code.data, nonce: newNonce(), action: latest.current.action })
          return
        }
      }
      raf = requestAnimationFrame(tick)
    }
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s
        if (video.current) {
          video.current.srcObject = s
          void video.current.play()
        }
        raf = requestAnimationFrame(tick)
      })
      .catch(() => {
        setCamera(false)
        setResult({ type: 'warning', text: latest.current.t('volunteers.scan.noCamera') })
      })
    return () => {
      stopped = true
      cancelAnimationFrame(raf)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [camera])

  return (
    <Flex vertical gap={8} data-testid="scan-box">
      <Segmented
        block
        value={action}
        onChange={(v) => setAction(v as 'in' | 'out')}
        options={[
          { value: 'in', label: t('volunteers.me.checkIn') },
          { value: 'out', label: t('volunteers.me.checkOut') },
        ]}
      />
      <Button block onClick={() => setCamera((c) => !c)}>
        {camera ? t('volunteers.scan.stop') : t('volunteers.scan.camera')}
      </Button>
      {camera && <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 280 }} />}
      <Input.Search
        placeholder={t('volunteers.scan.manual')}
        enterButton={t('volunteers.scan.submit')}
        value={manual}
        onChange={(e) => setManual(e.target.value)}
        onSearch={(v) => v.trim() && void submit({ token: v.trim(), nonce: newNonce(), action })}
        data-testid="scan-input"
      />
      {result && <Alert type={result.type} showIcon title={result.text} data-testid="scan-result" />}
    </Flex>
  )
}
