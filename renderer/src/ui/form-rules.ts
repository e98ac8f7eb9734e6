import { parseMoney } from '../format/money.ts'
import { readWholeNumber, type WholeNumberRule } from './whole-number.ts'

/**
 * Field rules for @mantine/form in the staff's words: each returns the message to show under the
 * field, or null when the value is fine. Never a schema's text.
 */
export const rules = {
  required:
    (what = 'this') =>
    (value: string) =>
      value.trim() === '' ? `Type ${what}` : null,
  maxChars: (max: number) => (value: string) =>
    value.length > max ? `At most ${max.toLocaleString()} characters` : null,
  minChars: (min: number) => (value: string) =>
    value.length > 0 && value.length < min ? `At least ${min.toLocaleString()} characters` : null,
  wholeNumber: (rule: WholeNumberRule) => (value: string) => {
    const read = readWholeNumber(value, rule)
    return read.ok ? null : read.message
  },
  money:
    (currency: string, opts: { positive?: boolean } = {}) =>
    (value: string) => {
      if (value.trim() === '') return 'Type an amount'
      const minor = parseMoney(value, currency)
      if (minor === undefined) return 'Type an amount such as 100.00'
      if (opts.positive && minor <= 0) return 'More than 0'
      return null
    },
  /** A PIN is optional; when typed it is four to eight digits. */
  pin: (value: string) => (value === '' || /^\d{4,8}$/.test(value) ? null : 'Four to eight digits'),
  /** A password is optional; when typed it has at least eight characters. */
  password: (value: string) =>
    value === ''
      ? null
      : value.length < 8
        ? 'At least 8 characters'
        : value.length > 200
          ? 'At most 200 characters'
          : null,
  username: (value: string) =>
    value.trim().length < 2
      ? 'At least 2 characters'
      : value.trim().length > 40
        ? 'At most 40 characters'
        : /^[a-z0-9._-]+$/i.test(value.trim())
          ? null
          : 'Letters, digits, dot, dash and underscore only',
  picked: (message: string) => (value: unknown) =>
    value === null || value === undefined || value === '' ? message : null,
  /** The first message of several rules on one field. */
  all:
    <V>(...checks: ((value: V) => string | null)[]) =>
    (value: V) => {
      for (const check of checks) {
        const message = check(value)
        if (message) return message
      }
      return null
    },
}

/** The number a whole-number field holds, once its rule has passed. */
export function wholeNumberOf(text: string): number {
  return Number(text.trim().replace(/^\+/, '').replace(/^−/, '-'))
}
