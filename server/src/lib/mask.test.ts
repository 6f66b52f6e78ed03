import { describe, expect, it } from 'vitest'
import { maskPhone } from './mask.ts'

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
  it('hides the middle of anything else and passes null through', () => {
    expect(maskPhone('021-6666')).toBe('0******6')
    expect(maskPhone('12')).toBe('**')
    expect(maskPhone(null)).toBeNull()
  })
})
