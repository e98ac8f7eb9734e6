import { ProductPicker } from './ProductPicker.tsx'
import type { ProductQty } from './use-product-qty.ts'
import { WholeNumberField } from './WholeNumberField.tsx'

/** Which product and how many of it: the product search and the quantity beside it. */
export function ProductQtyFields({ pick, testId }: { pick: ProductQty; testId: string }) {
  return (
    <>
      <ProductPicker
        label="Product"
        value={pick.product}
        onChange={pick.setProduct}
        testId={testId}
        w={300}
      />
      <WholeNumberField label="Qty" rule={pick.rule} value={pick.qtyText} onChange={pick.setQtyText} w={90} />
    </>
  )
}
