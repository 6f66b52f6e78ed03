import { useCallback, useEffect, useState } from 'react'

const MUTE_KEY = 'tx_waste_muted'

export function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
}

export function zhVoice(s: SpeechSynthesis): SpeechSynthesisVoice | undefined {
  const voices = s.getVoices()
  return voices.find((v) => v.lang === 'zh-CN') ?? voices.find((v) => v.lang.toLowerCase().startsWith('zh'))
}

/**
 * Speaks answers with the browser's speech synthesis in Mandarin. Where the browser has none, `supported` is
 * false and `speak` does nothing: the page still works from colour and text. Mute is remembered per device.
 */
export function useSpeech() {
  const supported = synth() !== null
  const [muted, setMuted] = useState(() => {
    try {
      return localStorage.getItem(MUTE_KEY) === '1'
    } catch {
      return false
    }
  })

  useEffect(() => {
    try {
      localStorage.setItem(MUTE_KEY, muted ? '1' : '0')
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    if (muted) synth()?.cancel()
  }, [muted])

  const speak = useCallback(
    (text: string) => {
      const s = synth()
      if (!s || muted || !text) return
      try {
        s.cancel()
        const u = new SpeechSynthesisUtterance(text)
        u.lang = 'zh-CN'
        const voice = zhVoice(s)
        if (voice) u.voice = voice
        u.rate = 0.95
        s.speak(u)
      } catch {
        // Some browsers expose the API but refuse to speak (no voices installed): stay silent.
      }
    },
    [muted],
  )

  return { supported, muted, setMuted, speak }
}
