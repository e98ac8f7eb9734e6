import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { isTimeZone } from '../receipt/time-zone.ts'
import { paperWidth } from '../receipt/paper-width.ts'
import { currencyCode, empty, text } from './fields.ts'

// This till's settings and the organization's name and currency.

/**
 * Text printed on receipts: no control characters (an ESC byte in a footer would be a printer
 * command), line breaks only where `multiline` allows them.
 */
const printable = (max: number, multiline = false) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      (s) => [...s].every((c) => !isControl(c) || (multiline && c === '\n')),
      multiline ? 'no control characters (line breaks are fine)' : 'one line, no control characters',
    )

function isControl(c: string): boolean {
  const code = c.charCodeAt(0)
  return code < 0x20 || code === 0x7f
}

/** A network receipt printer: host name or IP address and TCP port (ESC/POS printers listen on 9100). */
export const printerAddress = z.strictObject({
  host: z.union([z.ipv4(), z.ipv6(), z.hostname()], 'a host name or an IP address such as 192.168.1.50'),
  port: z.int().min(1).max(65_535).default(9100),
})

export const settingsMethods = {
  'settings.get': method('manager', empty, returns<V.StoreSettingsView>()),
  'settings.update': method(
    'manager',
    z.strictObject({
      orgName: text(100).optional(),
      currency: currencyCode.optional(),
      /** Shelf prices include tax (EU) or exclude it (US): the whole chain, owner only. */
      pricesIncludeTax: z.boolean().optional(),
      receiptHeader: z.string().trim().max(500).optional(),
      floor: z.int().min(0).max(1_000_000).optional(),
      lowWaterMinimum: z.int().min(0).max(1_000_000).optional(),
      /** The store's IANA time zone ("Europe/Berlin"): receipts and lists show its local time. */
      timeZone: z
        .string()
        .trim()
        .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or America/New_York')
        .optional(),
      /** The store's business details on receipts (shared by the store's tills). */
      businessName: printable(100).optional(),
      addressLines: z.array(printable(100)).max(5).optional(),
      taxId: printable(40).optional(),
      receiptFooter: printable(500, true).optional(),
      /** This till's network receipt printer; null removes it (the OS print dialog stays). */
      printer: printerAddress.nullable().optional(),
      /** This till's receipt paper: 80 mm (48 characters a line) or 58 mm (32). */
      paperWidth: paperWidth.optional(),
    }),
    returns<V.StoreSettingsView>(),
  ),
} as const
