// One StoreApi method as its namespace file declares it: who may call it, the schema its input
// must pass, and the type of its answer (a type only: answers are built by the store's handlers).
import type { z } from 'zod'
import type { Access } from './roles.ts'

/** A type carried without a value: the output type of a method. */
export interface Returns<O> {
  readonly __output?: O
}

export interface MethodSpec<A extends Access, I extends z.ZodType, O> {
  readonly access: A
  readonly input: I
  readonly output: Returns<O>
}

export function method<A extends Access, I extends z.ZodType, O>(
  access: A,
  input: I,
  output: Returns<O>,
): MethodSpec<A, I, O> {
  return { access, input, output }
}

export function returns<O>(): Returns<O> {
  return {}
}
