import type { UseFormReturnType } from '@mantine/form'
import { useEffect } from 'react'
import type { MethodName } from '../../../shared/api/contract.ts'
import { useStoreAction, type StoreAction } from './use-store-action.ts'

/**
 * Keeps a settings form on what the store holds: filled when the answer arrives and again when it
 * changes there (saved values are the form's clean state, so "changed" means changed by this person).
 */
export function useFormFilledFrom<V, T>(
  form: UseFormReturnType<V>,
  source: T | undefined,
  valuesOf: (source: T) => V,
): void {
  const { setValues, resetDirty } = form
  useEffect(() => {
    if (source === undefined) return
    const values = valuesOf(source)
    setValues(values)
    resetDirty(values)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form's setters are stable; valuesOf is pure
  }, [source])
}

/** A settings form's save: refusals under their fields, "Not saved" otherwise, the edited query refreshed. */
export function useFormSave<M extends MethodName>(
  method: M,
  form: { setErrors: (errors: Record<string, string>) => void },
  invalidates: readonly MethodName[],
  success: string,
): StoreAction<M> {
  return useStoreAction(method, {
    invalidates,
    failureTitle: 'Not saved',
    setFieldErrors: form.setErrors,
    success,
  })
}

/** A form's action whose refusal shows in the form itself (fields, and the footer's alert), not as a toast. */
export function useFormAction<M extends MethodName>(
  method: M,
  form: { setErrors: (errors: Record<string, string>) => void },
): StoreAction<M> {
  return useStoreAction(method, { showError: 'inline', setFieldErrors: form.setErrors })
}
