// JSON logs on stderr (stdout carries only the ready line). Secrets are never passed to the
// logger on purpose; the redact list is a second line of defence.
import pino, { type Logger } from 'pino'

export type { Logger }

export function createRelayLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'allot-relay' },
      redact: {
        paths: [
          'token',
          '*.token',
          'adminKey',
          '*.adminKey',
          'code',
          '*.code',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  )
}
