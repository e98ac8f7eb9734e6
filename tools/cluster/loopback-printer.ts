import { createServer } from 'node:net'

/**
 * A stand-in for a network thermal printer (ESC/POS on TCP): a real server on loopback that keeps
 * each job's bytes. Used by the store's printer tests and the receipt e2e spec.
 */
export async function loopbackPrinter(): Promise<{
  port: number
  jobs: Buffer[]
  close: () => Promise<void>
}> {
  const jobs: Buffer[] = []
  const server = createServer((socket) => {
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks))
      socket.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    jobs,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
