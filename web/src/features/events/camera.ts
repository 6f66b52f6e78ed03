import jsQR from 'jsqr'
import { useEffect, useRef, useState } from 'react'

/** Reads QR codes from the back camera: a frame every 250 ms goes through jsQR. */
export function useCamera(onCode: (text: string) => void, once = false) {
  const video = useRef<HTMLVideoElement>(null)
  const [on, setOn] = useState(false)
  const [failed, setFailed] = useState(false)
  const last = useRef<{ text: string; at: number }>({ text: '', at: 0 })
  useEffect(() => {
    if (!on) return
    let stream: MediaStream | null = null
    let timer: number | undefined
    const canvas = document.createElement('canvas')
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        })
        const v = video.current!
        v.srcObject = stream
        await v.play()
        timer = window.setInterval(() => {
          if (v.readyState < 2 || v.videoWidth === 0) return
          canvas.width = v.videoWidth
          canvas.height = v.videoHeight
          const g = canvas.getContext('2d', { willReadFrequently: true })!
          g.drawImage(v, 0, 0)
          const frame = g.getImageData(0, 0, canvas.width, canvas.height)
          const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
          // The same code held in front of the camera is one scan, not one per frame.
          if (code?.data && (code.data !== last.current.text || Date.now() - last.current.at > 4000)) {
            last.current = { text: code.data, at: Date.now() }
            onCode(code.data)
            if (once) setOn(false)
          }
        }, 250)
      } catch {
        setFailed(true)
        setOn(false)
      }
    }
    void start()
    return () => {
      window.clearInterval(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [on, onCode, once])
  return { video, on, setOn, failed }
}
