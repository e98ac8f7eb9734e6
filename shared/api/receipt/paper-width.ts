import { z } from 'zod'
import { paperWidths, type PaperWidth } from './receipt-text.ts'

/** Receipt paper as the API names it: "80mm" (48 characters a line) or "58mm" (32). */
export const paperWidth = z.enum(Object.keys(paperWidths) as [PaperWidth, ...PaperWidth[]])
