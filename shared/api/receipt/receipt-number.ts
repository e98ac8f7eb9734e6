// A receipt's number for people: store code, till number and the till's own log position,
// "S01-T2-000123". The sequence is the event's `seq` on the till's own log: contiguous per till,
// written with the sale in one durable transaction, and guarded against reuse after a restore by
// the stale-restart check (DESIGN.md §4). So no two receipts share a number, even offline, without
// a counter of its own that a crash could roll back. Gaps are where the till recorded something
// else (a restock, a shift opening).

const SEQ_DIGITS = 6

/** Letters, digits and dashes of a store code, upper case ("s-01" → "S-01"); "STORE" when empty. */
function cleanCode(storeCode: string): string {
  const code = storeCode.toUpperCase().replace(/[^A-Z0-9-]/g, '')
  return code === '' ? 'STORE' : code
}

/** The store and till parts of a till's numbers: "S01" and "2" (a short till id for old tills). */
export function receiptNoParts(storeCode: string, till: number | string): { store: string; till: string } {
  return {
    store: cleanCode(storeCode),
    till: typeof till === 'number' ? String(till) : till.slice(0, 6).toUpperCase(),
  }
}

/** The printed number: store code, till number (or a short till id for old tills without one), seq. */
export function formatReceiptNo(storeCode: string, till: number | string, seq: number): string {
  const parts = receiptNoParts(storeCode, till)
  return `${parts.store}-T${parts.till}-${String(seq).padStart(SEQ_DIGITS, '0')}`
}

/** What a search for a receipt number names: every part is optional except the sequence. */
export interface ReceiptNoQuery {
  storeCode?: string
  till?: string
  seq: number
}

/**
 * Reads a typed receipt number: "S01-T2-000123", "T2-123", "s01-t2-123" or just "123". The store
 * code may itself hold dashes, so the till part ("T" + digits or letters) is found from the end.
 */
export function parseReceiptNo(text: string): ReceiptNoQuery | undefined {
  const parts = text
    .trim()
    .toUpperCase()
    .split('-')
    .filter((p) => p !== '')
  const last = parts.pop()
  if (!last || !/^\d{1,12}$/.test(last)) return undefined
  const seq = Number(last)
  if (seq < 1) return undefined
  const query: ReceiptNoQuery = { seq }
  const till = parts.pop()
  if (till === undefined) return query
  if (!/^T[A-Z0-9]{1,6}$/.test(till)) return undefined
  query.till = till.slice(1)
  if (parts.length > 0) query.storeCode = parts.join('-')
  return query
}
