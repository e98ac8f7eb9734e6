import { notifications } from '@mantine/notifications'
import { describeError } from '../api/describe-error.ts'

/**
 * Runs one action against the store and tells the person how it went: a short confirmation, or
 * the store's error in words. Resolves true when it worked (after `done`, if given).
 */
export async function attempt(
  what: string,
  action: () => Promise<unknown>,
  done?: () => void,
  failureTitle = 'Not done',
): Promise<boolean> {
  try {
    await action()
    notifications.show({ color: 'teal', message: what })
    done?.()
    return true
  } catch (e) {
    notifications.show({ color: 'red', title: failureTitle, message: describeError(e) })
    return false
  }
}
