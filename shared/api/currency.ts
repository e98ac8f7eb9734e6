/** Currency codes the browser knows (ISO 4217), the same list the store validates against. */
const isoCurrencies = new Set(Intl.supportedValuesOf('currency'))

export function isIsoCurrency(code: string): boolean {
  return isoCurrencies.has(code)
}
