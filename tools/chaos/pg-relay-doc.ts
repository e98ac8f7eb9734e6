// The organization's document as the shared PostgreSQL log holds it, for the chaos run's final
// comparison with every store's document (the SQLite relay's is read from relay.db).
import pg from 'pg'
import * as Y from 'yjs'
import { ORG_ID } from './cluster.ts'

export async function loadPgRelayDoc(databaseUrl: string): Promise<{ doc: Y.Doc }> {
  const client = new pg.Client(databaseUrl)
  await client.connect()
  try {
    const rows = await client.query<{ update: Buffer }>(
      'SELECT update FROM doc_updates WHERE org_id = $1 ORDER BY seq',
      [ORG_ID],
    )
    const doc = new Y.Doc()
    doc.transact(() => {
      for (const r of rows.rows) Y.applyUpdate(doc, r.update)
    })
    return { doc }
  } finally {
    await client.end()
  }
}
