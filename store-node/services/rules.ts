import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { readTillRules, writeTillRules } from '../settings/till-rules.ts'

export function ruleHandlers(ctx: NodeContext): Pick<Handlers, 'rules.get' | 'rules.update'> {
  return {
    'rules.get': () => readTillRules(ctx.kv),

    'rules.update': (input, call) => {
      const next = ctx.store.durable(() => writeTillRules(ctx.kv, input))
      ctx.logger.info({ user: call.user.username, fields: Object.keys(input) }, 'till rules changed')
      return next
    },
  }
}
