// electron.vite.config.ts replaces this name with ALLOT_UPDATE_URL as it was when the app was
// built (the same variable electron-builder writes into app-update.yml); from source it is unset.
declare const __ALLOT_UPDATE_URL__: string | undefined

/** The update feed baked into this build, or '' if none was set. */
export const updateFeedAtBuild: string = typeof __ALLOT_UPDATE_URL__ === 'string' ? __ALLOT_UPDATE_URL__ : ''
