import { contextBridge } from 'electron'

// One function per StoreApi method will be exposed here; never raw ipcRenderer.
contextBridge.exposeInMainWorld('allot', { version: 1 })
