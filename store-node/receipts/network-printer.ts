import { connect } from 'node:net'
import { ApiError } from '../../shared/api/errors.ts'

/** How long a printer may take to accept the connection and the bytes before the till gives up. */
export const PRINT_TIMEOUT_MS = 5_000

/**
 * Sends `bytes` to a network receipt printer (raw TCP, port 9100 by convention) and resolves once
 * they are handed to the network. A printer that refuses, is not there or does not answer in
 * `timeoutMs` gives a CONFLICT naming the printer and what went wrong, so the cashier can fall
 * back to the print dialog.
 */
export function sendToPrinter(
  printer: { host: string; port: number },
  bytes: Uint8Array,
  timeoutMs = PRINT_TIMEOUT_MS,
): Promise<void> {
  const where = `${printer.host}:${printer.port}`
  return new Promise((resolve, reject) => {
    let settled = false
    const socket = connect({ host: printer.host, port: printer.port })
    const fail = (cause: string) => {
      if (settled) return
      settled = true
      socket.destroy()
      reject(
        new ApiError('CONFLICT', `The receipt printer at ${where} did not take the receipt (${cause})`, {
          reason: 'printer-unreachable',
          printer: where,
          cause,
        }),
      )
    }
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs / 1000} s`))
    socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message))
    socket.on('connect', () => {
      socket.end(bytes, () => {
        if (settled) return
        settled = true
        resolve()
        // the printer closes its side when it likes; never keep the socket beyond the timeout
        socket.setTimeout(timeoutMs, () => socket.destroy())
      })
    })
  })
}
