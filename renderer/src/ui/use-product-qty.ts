import { useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { readWholeNumber, type WholeNumberRule } from './whole-number.ts'

/** A product being picked and the quantity typed for it, with what is wrong with that quantity. */
export interface ProductQty {
  product: ProductWithStock | undefined
  setProduct: (product: ProductWithStock | undefined) => void
  qtyText: string
  setQtyText: (text: string) => void
  rule: WholeNumberRule
  /** The quantity when the text is a valid one, else undefined. */
  qty: number | undefined
  /** Back to no product and one unit. */
  clear: () => void
}

export function useProductQty(rule: WholeNumberRule): ProductQty {
  const [product, setProduct] = useState<ProductWithStock>()
  const [qtyText, setQtyText] = useState('1')
  const read = readWholeNumber(qtyText, rule)
  return {
    product,
    setProduct,
    qtyText,
    setQtyText,
    rule,
    qty: read.ok ? read.value : undefined,
    clear: () => {
      setProduct(undefined)
      setQtyText('1')
    },
  }
}
