/** Settings of "扫码听红音", read from the environment with the rest of config.ts. */
export interface ListenConfig {
  /** Largest audio file staff may upload for one item. */
  audioMaxBytes: number
  /** One counted play per item per listener within this many minutes. */
  playWindowMinutes: number
  /** Counted plays per item per client address within the window, however many listeners it claims. */
  playsPerAddress: number
}

type Int = (name: string, fallback: number, min: number, max: number) => number

/** Parses the TONGXIN_LISTEN_* variables. */
export function loadListenConfig(int: Int): ListenConfig {
  return {
    audioMaxBytes: int('TONGXIN_LISTEN_AUDIO_MAX_MB', 10, 1, 50) * 1024 * 1024,
    playWindowMinutes: int('TONGXIN_LISTEN_PLAY_WINDOW_MINUTES', 30, 1, 24 * 60),
    playsPerAddress: int('TONGXIN_LISTEN_PLAYS_PER_ADDRESS', 30, 1, 10_000),
  }
}
