// The operations artifacts in deploy/ checked against the real relay: every metric the Grafana
// dashboard and the alert rules query is exported by a running relay's /metrics; the Dockerfile,
// compose file and systemd unit start the relay with flags its CLI accepts and ship every file
// it imports; the backup script takes an online backup that a relay can be restored from.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../sync-server/config.ts'
import {
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'
import { Writer, drain, issueKey } from './feed-helpers.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const DEPLOY = join(ROOT, 'deploy')
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

let relay: RelayProcess
let dataDir: string
let writer: Writer
let exported: Set<string>

beforeAll(async () => {
  dataDir = tempDir('allot-feed-ops-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, 'ops')
  const d = await enrollDevice(relay, 'ops', 'r1')
  writer = new Writer('r1', d.token)
  await writer.connect(relay, 'ops')
  writer.append(['restock', 'sale'])
  exported = await scrapeNames(relay)
})

afterAll(async () => {
  writer?.close()
  await stopRelay(relay)
  removeDir(dataDir)
})

/** Series names a scrape can contain: `# TYPE` lines, plus histogram/summary suffixes. */
async function scrapeNames(r: RelayProcess): Promise<Set<string>> {
  const text = await scrapeMetrics(r)
  const names = new Set<string>()
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m as unknown as [string, string, string]
    names.add(name)
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s)
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(name + s)
  }
  return names
}

/** Metric names referenced by a PromQL expression (functions, keywords, labels removed). */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\{?\w+\}?/g, ' ') // dashboard variables
    .replace(/\b\d+(ms|s|m|h|d|w|y)\b/g, ' ') // durations (offset 5m)
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ') // numbers
  const names: string[] = []
  for (const m of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = m[0]
    const after = stripped.slice(m.index + word.length).trimStart()
    if (after.startsWith('(')) continue // function or aggregation
    if (
      ['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'inf', 'nan'].includes(
        word.toLowerCase(),
      )
    )
      continue
    names.push(word)
  }
  return names
}

/** Every `expr` (and templating `query`) string anywhere in a parsed JSON/YAML document. */
function exprsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) exprsIn(v, out)
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'expr' || k === 'definition') && typeof v === 'string') out.push(v)
      else if (k === 'query' && typeof v === 'string') out.push(v)
      else exprsIn(v, out)
    }
  }
  return out
}

/** `label_values(metric{...}, label)` → `metric{...}` so it is checked like an expression. */
function unwrapTemplating(expr: string): string {
  const m = /^label_values\((.*),\s*\w+\)$/.exec(expr.trim())
  return m ? m[1]! : expr
}

// Prometheus's own series for every target; not exported by the relay by definition.
const PROMETHEUS_SYNTHETIC = new Set(['up'])

describe('dashboard and alert rules', () => {
  it('the metric-name extractor understands PromQL', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (instance, le) (rate(allot_relay_sqlite_write_seconds_bucket{job="x"}[5m]))) > 0.25',
      ),
    ).toEqual(['allot_relay_sqlite_write_seconds_bucket'])
    expect(metricNames('up{job="allot-relay"} == 0 and on(instance) foo_bar offset 5m')).toEqual([
      'up',
      'foo_bar',
    ])
    expect(metricNames('max_over_time(a_b[15m]) > 30 * 60')).toEqual(['a_b'])
  })

  it('the Grafana dashboard queries only metrics the relay exports', () => {
    const dashboard = JSON.parse(
      readFileSync(join(DEPLOY, 'grafana/allot-relay-dashboard.json'), 'utf8'),
    ) as {
      panels: Array<{ type: string; targets?: Array<{ expr: string }> }>
    }
    const exprs = exprsIn(dashboard).map(unwrapTemplating)
    expect(exprs.length).toBeGreaterThan(25)
    const used = new Set(exprs.flatMap(metricNames))
    const missing = [...used].filter((n) => !exported.has(n) && !PROMETHEUS_SYNTHETIC.has(n))
    expect(missing).toEqual([])
    // and it covers the relay's own metrics
    const allot = [...exported].filter((n) => n.startsWith('allot_relay_') && !/_(sum|count)$/.test(n))
    const uncovered = allot.filter(
      (n) => !used.has(n) && !used.has(`${n}_bucket`) && !(n.endsWith('_bucket') && used.has(n)),
    )
    expect(uncovered.filter((n) => !n.endsWith('_bucket'))).toEqual([])
    for (const p of dashboard.panels.filter((x) => x.type !== 'row'))
      expect(p.targets?.length).toBeGreaterThan(0)
  })

  it('the alert rules query only exported metrics and cover the required alerts', () => {
    const rules = yaml.load(readFileSync(join(DEPLOY, 'prometheus/allot-relay-alerts.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string; labels?: Record<string, string> }> }>
    }
    const all = rules.groups.flatMap((g) => g.rules)
    const missing = all
      .flatMap((r) => metricNames(r.expr))
      .filter((n) => !exported.has(n) && !PROMETHEUS_SYNTHETIC.has(n))
    expect(missing).toEqual([])
    const byName = new Map(all.map((r) => [r.alert, r.expr]))
    expect(byName.get('AllotRelayNotReady')).toContain('allot_relay_ready')
    expect(byName.get('AllotRelayRefusedUpdates')).toContain('allot_relay_refused_updates_total')
    expect(byName.get('AllotStoreNotSeen')).toContain('allot_relay_device_last_seen_age_seconds')
    expect(byName.get('AllotStoreEventsDelayed')).toContain('allot_relay_replica_event_delivery_lag_seconds')
    for (const r of all) expect(r.labels?.severity, r.alert).toBeTruthy()
    // the scrape config loads this rule file and scrapes the job the rules select
    const prom = yaml.load(readFileSync(join(DEPLOY, 'prometheus/prometheus.yml'), 'utf8')) as {
      rule_files: string[]
      scrape_configs: Array<{
        job_name: string
        metrics_path: string
        authorization?: { type?: string; credentials_file?: string }
      }>
    }
    expect(prom.rule_files).toContain('allot-relay-alerts.yml')
    const job = prom.scrape_configs.find((s) => s.job_name === 'allot-relay')
    expect(job?.metrics_path).toBe('/metrics')
    // /metrics needs the metrics key: the scrape sends it as a bearer token from a file
    expect(job?.authorization).toMatchObject({ type: 'Bearer' })
    expect(job?.authorization?.credentials_file).toBeTruthy()
  })

  it('the per-store gauges carry values for a connected store', async () => {
    const text = await scrapeMetrics(relay)
    expect(text).toMatch(/^allot_relay_ready 1$/m)
    expect(text).toMatch(
      /^allot_relay_device_last_seen_age_seconds\{org="ops",replica="r1",device="[^"]+",store="Store r1"\} 0$/m,
    )
    expect(text).toMatch(
      /^allot_relay_replica_last_event_age_seconds\{org="ops",replica="r1",store="Store r1"\} [\d.]+$/m,
    )
    // the sample events are dated 2030: a store clock far ahead clamps the lag at 0
    expect(text).toMatch(
      /^allot_relay_replica_event_delivery_lag_seconds\{org="ops",replica="r1",store="Store r1"\} 0$/m,
    )
    writer.close()
    await new Promise((r) => setTimeout(r, 1200))
    const later = await scrapeMetrics(relay)
    const age = /^allot_relay_device_last_seen_age_seconds\{org="ops"[^}]*\} ([\d.]+)$/m.exec(later)
    expect(Number(age?.[1])).toBeGreaterThanOrEqual(1)
    await writer.connect(relay, 'ops')
  })
})

/** Relative imports reachable from `entry` (the files a deployment must contain). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const todo = [entry]
  while (todo.length > 0) {
    const file = todo.pop()!
    if (files.has(file)) continue
    files.add(file)
    const src = readFileSync(file, 'utf8')
    const specs = [
      ...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm),
      ...src.matchAll(/\bimport\('([^']+)'\)/g), // the CLIs load their body dynamically
    ]
    for (const m of specs) {
      const spec = m[1]!
      if (spec.startsWith('.')) todo.push(resolve(dirname(file), spec))
      else if (!spec.startsWith('node:'))
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
    }
  }
  return { files, packages }
}

describe('deployment files', () => {
  const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8')

  it("the Dockerfile's CMD is a valid relay command line and the image holds every file the relay imports", () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[]
    expect(cmd.slice(0, 2)).toEqual(['node', 'sync-server/cli.ts'])
    const config = parseArgs(cmd.slice(2))
    expect(config).toMatchObject({ dataDir: '/data', host: '0.0.0.0', port: 8787 })
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m)
    expect(dockerfile).toMatch(/^EXPOSE 8787$/m)
    expect(dockerfile).toMatch(/^FROM node:24/m)
    expect(dockerfile).toMatch(/^USER node$/m)

    const copied = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/))
    const ignore = readFileSync(join(DEPLOY, 'Dockerfile.dockerignore'), 'utf8')
    for (const c of copied) {
      expect(existsSync(join(ROOT, c)), c).toBe(true)
      expect(ignore, `${c} allowed in the build context`).toContain(`!${c}`)
    }
    const { files, packages } = importGraph(join(ROOT, 'sync-server/cli.ts'))
    expect(files.size).toBeGreaterThan(20)
    for (const f of files) {
      const rel = relative(ROOT, f)
      expect(
        copied.some((c) => (c.endsWith('/') ? rel.startsWith(c) : rel === c)),
        `${rel} is copied into the image`,
      ).toBe(true)
    }
    // `npm ci --omit=dev` must install every package the relay imports
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const missing = [...packages].filter((p) => !(p in pkg.dependencies))
    expect(missing).toEqual([])
    expect(dockerfile).toContain('npm ci --omit=dev')
  })

  it('compose builds that Dockerfile, keeps data in a volume and allows a graceful stop', () => {
    const compose = yaml.load(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8')) as {
      services: Record<
        string,
        {
          build: { context: string; dockerfile: string }
          volumes: string[]
          ports: string[]
          stop_grace_period: string
        }
      >
      volumes: Record<string, unknown>
    }
    const relayService = compose.services['relay']!
    expect(resolve(DEPLOY, relayService.build.context, relayService.build.dockerfile)).toBe(
      join(DEPLOY, 'Dockerfile'),
    )
    expect(relayService.volumes).toContain('relay-data:/data')
    expect(Object.keys(compose.volumes)).toContain('relay-data')
    expect(relayService.ports[0]).toMatch(/:8787$/)
    expect(relayService.stop_grace_period).toBe('30s')
  })

  it('the systemd unit starts the relay with valid flags and drains on SIGTERM', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd/allot-relay.service'), 'utf8')
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(/\s+/)
    expect(exec[1]).toBe('sync-server/cli.ts')
    const config = parseArgs(exec.slice(2))
    expect(config).toMatchObject({ dataDir: '/var/lib/allot-relay', host: '127.0.0.1', port: 8787 })
    // behind nginx on loopback: the client address comes from nginx's X-Forwarded-For
    expect(config.trustProxy).toEqual(['127.0.0.1', '::1'])
    expect(unit).toMatch(/^StateDirectory=allot-relay$/m)
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m)
    // TimeoutStopSec must exceed the relay's shutdown deadline (10 s by default)
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)![1])).toBeGreaterThan(config.shutdownDeadlineMs / 1000)
  })

  it('nginx forwards WebSocket upgrades and does not buffer the event feed', () => {
    const conf = readFileSync(join(DEPLOY, 'nginx/allot-relay.conf'), 'utf8')
    const sync = /location \/sync\/ \{([^}]*)\}/.exec(conf)![1]!
    expect(sync).toContain('proxy_http_version 1.1;')
    expect(sync).toContain('proxy_set_header Upgrade $http_upgrade;')
    expect(sync).toContain('proxy_set_header Connection $connection_upgrade;')
    const feed = /location \/v1\/ \{([^}]*)\}/.exec(conf)![1]!
    expect(feed).toContain('proxy_buffering off;')
    // every proxied location passes the client address the relay's --trust-proxy reads
    for (const location of ['/sync/', '/v1/', '= /enroll', '/admin/']) {
      const block = new RegExp(`location ${location.replace(/\//g, '\\/')} \\{([^}]*)\\}`).exec(conf)![1]!
      expect(block, location).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;')
    }
    expect(conf).toMatch(/location = \/metrics \{ return 404; \}/)
  })

  it('the backup script takes an online backup that a relay restores from', async () => {
    const backups = tempDir('allot-feed-backup-').path
    const restored = tempDir('allot-feed-restored-').path
    let second: RelayProcess | undefined
    try {
      const { key } = await issueKey(relay, 'ops', 'backup-check')
      // keep writing while the backup runs (the relay commits throughout)
      const busy = setInterval(() => writer.append(['sale']), 5)
      const { stdout } = await promisify(execFile)(
        'sh',
        [join(DEPLOY, 'backup/backup-relay.sh'), dataDir, backups, '2'],
        {
          encoding: 'utf8',
        },
      )
      clearInterval(busy)
      const file = stdout.trim().split('\n').at(-1)!
      expect(statSync(file).mode & 0o077).toBe(0)
      expect(readdirSync(backups).sort()).toEqual(['admin-key', file.split('/').at(-1)!])
      const before = await drain(relay, 'ops', key, undefined, 1000)

      // restore: a fresh data dir with the backup as relay.db and the saved admin key
      mkdirSync(restored, { recursive: true })
      execFileSync('cp', [file, join(restored, 'relay.db')])
      execFileSync('cp', [join(backups, 'admin-key'), join(restored, 'admin-key')])
      second = await spawnRelay(restored)
      expect(second.adminKey).toBe(relay.adminKey)
      const after = await drain(second, 'ops', key, undefined, 1000)
      expect(after.events.length).toBeGreaterThan(0)
      // the restored feed is a prefix of the live one (same order, same cursors)
      expect(after.events.map((e) => e.cursor)).toEqual(
        before.events.slice(0, after.events.length).map((e) => e.cursor),
      )
    } finally {
      if (second) await stopRelay(second)
      removeDir(backups)
      removeDir(restored)
    }
  })
})
