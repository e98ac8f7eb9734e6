import { notifications } from '@mantine/notifications'
import { useCallback, useEffect, useRef, useState } from 'react'
import { inputs, type InputOf, type MethodName, type OutputOf } from '../../../shared/api/contract.ts'
import { useApi } from './api-context.tsx'
import { describeError } from './describe-error.ts'
import { fieldErrors } from './field-errors.ts'
import { useInvalidate } from './use-store-query.ts'

/** What a screen passes to an action: the method's input without the key the hook keeps. */
export type ActionInput<M extends MethodName> =
  InputOf<M> extends { idempotencyKey: string } ? Omit<InputOf<M>, 'idempotencyKey'> : InputOf<M>

export interface ActionOptions<M extends MethodName> {
  /** Methods whose answers are stale once this action worked: every screen showing them reloads. */
  invalidates?: readonly MethodName[]
  /** A short confirmation for the person, from the answer and what was sent; none when omitted. */
  success?: string | ((output: OutputOf<M>, input: ActionInput<M>) => string)
  /** Where a refusal is shown: a notification (default), or only in `error` for the form to show. */
  showError?: 'notification' | 'inline'
  failureTitle?: string
  /**
   * What makes two runs the same attempt (default: the whole input). A sale is the same attempt
   * while its lines stay the same, whatever tender is tried: a retry must never sell twice.
   */
  attemptOf?: (input: ActionInput<M>) => unknown
  /**
   * A form's `setErrors`: a refusal that names fields puts each message under its field (the
   * store's paths, "owner.password", are the form's paths where the form mirrors the input).
   */
  setFieldErrors?: (errors: Record<string, string>) => void
}

export interface StoreAction<M extends MethodName> {
  /**
   * Runs the action; resolves to the store's answer, or undefined when it was refused. `done`, when
   * given, is the confirmation shown for this run instead of the hook's `success`.
   */
  run: (input: ActionInput<M>, done?: string) => Promise<OutputOf<M> | undefined>
  /** True while the store has not answered: disable the button. */
  pending: boolean
  /** The last refusal in the staff's words, until the next run or `reset`. */
  error: string | undefined
  /** The error the store threw last, for screens that read its code or details. */
  failure: unknown
  /** Like `run`, with the refusal itself for screens that act on its code or details. */
  tryRun: (input: ActionInput<M>, done?: string) => Promise<ActionResult<M>>
  /** Forgets the last refusal (the attempt and its key stay). */
  clearError: () => void
  /** Starts over: the next run is a new attempt with a new key (a new sale, a new customer). */
  reset: () => void
}

export type ActionResult<M extends MethodName> =
  { ok: true; output: OutputOf<M> } | { ok: false; error: unknown }

/** Whether a method's input carries an idempotency key (every writer's does). */
function isKeyed(method: MethodName): boolean {
  const schema = inputs[method] as { shape?: Record<string, unknown> }
  return Boolean(schema.shape && 'idempotencyKey' in schema.shape)
}

/**
 * One StoreApi write. The idempotency key belongs to the attempt: retrying the same input after an
 * error (a lost answer, a timeout) sends the same key, so the store does it at most once; a changed
 * input or a success starts a new attempt with a new key.
 */
export function useStoreAction<M extends MethodName>(
  method: M,
  options: ActionOptions<M> = {},
): StoreAction<M> {
  const api = useApi()
  const invalidate = useInvalidate()
  const attempt = useRef<{ signature: string; key: string } | undefined>(undefined)

  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<{ error: unknown; text: string }>()
  // The latest options without making `run` change identity at each render.
  const optionsRef = useRef(options)
  useEffect(() => {
    optionsRef.current = options
  })

  const tryRun = useCallback(
    async (input: ActionInput<M>, done?: string): Promise<ActionResult<M>> => {
      const {
        invalidates = [],
        success,
        showError = 'notification',
        failureTitle,
        attemptOf,
        setFieldErrors,
      } = optionsRef.current
      const signature = JSON.stringify(attemptOf ? attemptOf(input) : input)
      if (attempt.current?.signature !== signature)
        attempt.current = { signature, key: `ui-${crypto.randomUUID()}` }
      const sent = isKeyed(method) ? { ...input, idempotencyKey: attempt.current.key } : input
      const call = api[method] as unknown as (input: unknown) => Promise<OutputOf<M>>
      setPending(true)
      setFailure(undefined)
      try {
        const output = await call(sent)
        attempt.current = undefined
        if (invalidates.length > 0) invalidate(...invalidates)
        const message = done ?? (typeof success === 'function' ? success(output, input) : success)
        if (message) notifications.show({ color: 'teal', message })
        return { ok: true, output }
      } catch (error) {
        const text = describeError(error)
        setFailure({ error, text })
        const byField = fieldErrors(error)
        if (setFieldErrors && Object.keys(byField).length > 0) setFieldErrors(byField)
        if (showError === 'notification')
          notifications.show({ color: 'red', title: failureTitle ?? 'Not done', message: text })
        return { ok: false, error }
      } finally {
        setPending(false)
      }
    },
    [api, invalidate, method],
  )
  const run = useCallback(
    async (input: ActionInput<M>, done?: string) => {
      const result = await tryRun(input, done)
      return result.ok ? result.output : undefined
    },
    [tryRun],
  )
  const clearError = useCallback(() => setFailure(undefined), [])
  const reset = useCallback(() => {
    attempt.current = undefined
    setFailure(undefined)
  }, [])

  return { run, tryRun, pending, error: failure?.text, failure: failure?.error, clearError, reset }
}
