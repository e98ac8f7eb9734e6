// The test kit: one barrel for every helper a test needs. Launchers live in tools/ (the demo, the
// chaos run and the benches use them too); in-process helpers live here.
export * from '../../tools/cluster/processes.ts'
export * from '../../tools/cluster/wait.ts'
export * from '../../tools/cluster/api-client.ts'
export * from '../../tools/cluster/chain.ts'
export {
  createOrg,
  enrollDevice,
  http,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  withTimeout,
  mulberry32,
  TestPeer,
  type RelayProcess,
  type RelayAddress,
  type LooseJson,
} from '../../tools/cluster/relay-harness.ts'
export * from '../../tools/chaos/crafted-update.ts'
export * from './store-fixture.ts'
export * from './sample-inputs.ts'
export * from './in-process-relay.ts'
export * from './raw-store-api.ts'
