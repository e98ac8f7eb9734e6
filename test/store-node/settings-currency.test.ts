import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

describe('the organisation currency', () => {
  it('takes ISO 4217 codes only', async () => {
    const { owner } = await openSetUpStore('settings-currency', later)
    const typo = await refusal(owner['settings.update']({ currency: 'EUO' }))
    expect(typo.code).toBe('VALIDATION')
    expect((await owner['settings.get']({})).currency).toBe('EUR')
    expect((await owner['settings.update']({ currency: 'USD' })).currency).toBe('USD')
  })
})
