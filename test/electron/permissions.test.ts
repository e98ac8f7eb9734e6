import { describe, expect, it } from 'vitest'
import { denyAllPermissions, type PermissionSession } from '../../electron/main/permissions.ts'

describe('permission handlers', () => {
  it('deny every request and every check', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] = null
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] = null
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    })
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'usb',
      'hid',
      'serial',
    ]) {
      const answers: boolean[] = []
      request!({}, permission, (granted) => answers.push(granted))
      expect(answers, permission).toEqual([false])
      expect(check!({}, permission), permission).toBe(false)
    }
  })
})
