import { describe, expect, it } from 'vitest'
import { maskIdNumber } from './ids.ts'
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

describe('maskIdNumber', () => {
  it('keeps only the last two characters: neither the place of birth nor the 后四位', () => {
    expect(maskIdNumber('310120198706150677')).toBe('****************77')
    expect(maskIdNumber('31012019870615068X')).toBe('****************8X')
    expect(maskIdNumber(null)).toBeNull()
  })
})
