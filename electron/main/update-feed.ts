/**
 * What is wrong with an update feed URL, or undefined if the app may poll it: it must parse, be
 * `https:` (over http anyone on the shop's network could serve a fake update or hold back a
 * security fix), and carry no credentials (they would sit in the installed app for anyone to read).
 * The message never repeats the URL, which may hold those credentials.
 */
export function updateFeedProblem(raw: string | undefined): string | undefined {
  const text = raw?.trim()
  if (!text) return 'no update feed URL was set at build time (ALLOT_UPDATE_URL)'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'the update feed (ALLOT_UPDATE_URL) is not a URL'
  }
  if (url.protocol !== 'https:')
    return `the update feed (ALLOT_UPDATE_URL) must be an https:// URL, not ${url.protocol}`
  if (url.username || url.password) return 'the update feed (ALLOT_UPDATE_URL) must not carry credentials'
  return undefined
}
