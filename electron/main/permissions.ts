/** The parts of Electron's Session that decide permissions. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void
}

/**
 * A till needs no camera, microphone, geolocation, notifications or USB access from web APIs:
 * every permission request and check is denied. (Printing goes through window.print, which needs
 * no permission.)
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
