import { describe, expect, it } from 'vitest'
import { isAppUrl, rendererLocation } from '../../electron/main/renderer-location.ts'
import { createSenderCheck } from '../../electron/main/sender-check.ts'

const location = rendererLocation(undefined, '/app/out/renderer/index.html')
const check = createSenderCheck({
  isOurContents: (id) => id === 7,
  isAppUrl: (url) => isAppUrl(url, location),
})

describe('IPC sender check', () => {
  it('trusts our window showing our page', () => {
    expect(check({ sender: { id: 7 }, senderFrame: { url: location.url } })).toBe(true)
  })

  it('refuses another WebContents even on the same page', () => {
    expect(check({ sender: { id: 8 }, senderFrame: { url: location.url } })).toBe(false)
  })

  it('refuses our window once its frame shows something else', () => {
    expect(check({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } })).toBe(false)
    expect(check({ sender: { id: 7 }, senderFrame: { url: 'file:///tmp/index.html' } })).toBe(false)
  })

  it('refuses a sender whose frame is gone', () => {
    expect(check({ sender: { id: 7 }, senderFrame: null })).toBe(false)
  })
})
