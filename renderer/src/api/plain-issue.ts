/**
 * Turns a validation issue from the store into the staff's words. The store reports schema
 * messages (written for developers); none of them is ever shown as is.
 */
export function plainIssue(message: string): string {
  const bound = (text: string) => Number(text).toLocaleString()
  let m = /expected string to have >=(\d+) characters?/.exec(message)
  if (m) return m[1] === '1' ? 'Required' : `At least ${bound(m[1]!)} characters`
  m = /expected string to have <=(\d+) characters?/.exec(message)
  if (m) return `At most ${bound(m[1]!)} characters`
  m = /expected (?:number|int) to be >=?(-?\d+)/.exec(message)
  if (m) return `At least ${bound(m[1]!)}`
  m = /expected (?:number|int) to be >(-?\d+)/.exec(message)
  if (m) return `More than ${bound(m[1]!)}`
  m = /expected (?:number|int) to be <=?(-?\d+)/.exec(message)
  if (m) return `At most ${bound(m[1]!)}`
  m = /expected array to have <=(\d+) items?/.exec(message)
  if (m) return `At most ${bound(m[1]!)} lines`
  m = /expected array to have >=(\d+) items?/.exec(message)
  if (m) return m[1] === '1' ? 'Add at least one line' : `At least ${bound(m[1]!)} lines`
  if (/expected (number|int)/.test(message)) return 'Type a whole number'
  if (/Invalid option|Invalid enum/i.test(message)) return 'Pick one of the choices'
  if (/expected string, received undefined|Required/i.test(message)) return 'Required'
  if (/Invalid (email|url|uuid|string)|pattern/i.test(message)) return 'Not in the expected form'
  if (/Unrecognized key/i.test(message)) return 'Not accepted here'
  // The store's own messages (not from a schema) are short and already plain: "more than shipped".
  if (!/expected|received|invalid|too (big|small)/i.test(message)) return capitalise(message)
  return 'This value is not accepted'
}

/** A field path from the store ("lines.0.qty") as staff name it ("Quantity"). */
export function fieldLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? ''
  const known: Record<string, string> = {
    qty: 'Quantity',
    delta: 'Change',
    priceMinor: 'Price',
    taxRateBp: 'Tax rate',
    sku: 'SKU',
    name: 'Name',
    barcode: 'Barcode',
    note: 'Note',
    username: 'Username',
    displayName: 'Name',
    password: 'Password',
    pin: 'PIN',
    currency: 'Currency',
    tenderedMinor: 'Cash tendered',
    damagedQty: 'Damaged units',
    reorderLevel: 'Reorder level',
  }
  return known[last] ?? capitalise(last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
