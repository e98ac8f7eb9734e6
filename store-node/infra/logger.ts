import pino, { type Logger } from 'pino'

export type { Logger }

/** JSON logs on stderr (stdout carries the ready line). Secrets are redacted by path. */
export function createLogger(name: string, level = process.env.ALLOT_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'password',
          '*.password',
          'pin',
          '*.pin',
          '*.passwordHash',
          '*.pinHash',
          'authorization',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  )
}
