/** 13812345678 → 138****5678. Anything not phone-shaped keeps only its first and last character. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  return phone.length <= 2
    ? '*'.repeat(phone.length)
    : `${phone[0]}${'*'.repeat(phone.length - 2)}${phone.at(-1)}`
}
