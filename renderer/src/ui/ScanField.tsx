import { TextInput } from '@mantine/core'
import { useState, type KeyboardEvent, type Ref } from 'react'
import { useApi } from '../api/api-context.tsx'

/**
 * A scanner's field for a list of products (a count, a delivery): the code a scanner types and its
 * Enter find the product among `lines` by SKU, or by barcode through the catalog; one not in the
 * list is said so under the field.
 */
export function ScanField(props: {
  label: string
  lines: readonly { productId: string; sku: string }[]
  onFound: (productId: string) => void
  notFound: (code: string) => string
  testId: string
  inputRef?: Ref<HTMLInputElement>
}) {
  const api = useApi()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string>()
  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    const code = text.trim()
    setText('')
    if (!code) return
    const bySku = props.lines.find((l) => l.sku.toLowerCase() === code.toLowerCase())?.productId
    const productId =
      bySku ??
      (await api['catalog.get']({ barcode: code }).then(
        (p) => p.id,
        () => undefined,
      ))
    const found = productId !== undefined && props.lines.some((l) => l.productId === productId)
    setProblem(found ? undefined : props.notFound(code))
    if (found) props.onFound(productId)
  }
  return (
    <TextInput
      ref={props.inputRef}
      label={props.label}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => void onKeyDown(e)}
      error={problem}
      data-testid={props.testId}
    />
  )
}
