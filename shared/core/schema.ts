/**
 * The replicated document (DESIGN.md §3): one Y.Doc per organization and typed accessors for its
 * root types. Catalog, users and stores are last-writer-wins per field; stock lives only in the
 * per-replica logs (`log:<replicaId>`), which only their own replica appends to.
 */
import * as Y from 'yjs'
import { z } from 'zod'

/** The document schema this code understands. A newer `meta.schemaVersion` makes the app read-only. */
export const SCHEMA_VERSION = 1

/** Root-type names. */
export const META = 'meta'
export const REPLICAS = 'replicas'
export const STORES = 'stores'
export const PRODUCTS = 'products'
export const USERS = 'users'
export const CUSTOMERS = 'customers'
export const SUPPLIERS = 'suppliers'
/** Prefix of every replica's event log root: `log:<replicaId>`. */
export const LOG_PREFIX = 'log:'

export const stockPolicies = ['pool', 'local'] as const
export type StockPolicy = (typeof stockPolicies)[number]

export const replicaStatuses = ['active', 'retiring', 'retired'] as const
export type ReplicaStatus = (typeof replicaStatuses)[number]

export const roles = ['owner', 'manager', 'cashier'] as const
export type Role = (typeof roles)[number]

export const ReplicaInfoSchema = z.object({
  storeId: z.string().min(1),
  storeName: z.string(),
  status: z.enum(replicaStatuses),
  successor: z.string().min(1).optional(),
  /** Set by a device the relay's admin made a head-office device (the relay refuses it otherwise). */
  headOffice: z.boolean().optional(),
  /** The till's number in its store (1, 2, …) for receipt numbers; set when the till joins. */
  tillNo: z.int().positive().optional(),
})
/** `replicas` entry; each replica writes only its own key. */
export type ReplicaInfo = z.infer<typeof ReplicaInfoSchema>

/** What a store prints at the top and bottom of its receipts (a manager of the store sets it). */
export const StoreReceiptSchema = z.object({
  businessName: z.string().default(''),
  addressLines: z.array(z.string()).default([]),
  taxId: z.string().default(''),
  footer: z.string().default(''),
})
export type StoreReceipt = z.infer<typeof StoreReceiptSchema>

export const StoreInfoSchema = z.object({
  name: z.string(),
  code: z.string(),
  address: z.string().optional(),
  /** IANA time zone receipts and lists show the store's times in ("Europe/Berlin"); UTC if absent. */
  timeZone: z.string().optional(),
  receipt: StoreReceiptSchema.optional(),
})
/** `stores` entry. */
export type StoreInfo = z.infer<typeof StoreInfoSchema>

export const ProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  barcode: z.string().default(''),
  /** Unit price in integer minor units (cents), tax excluded. */
  priceMinor: z.int().nonnegative(),
  /** Tax rate in basis points (2000 = 20 %). */
  taxRate: z.int().min(0).max(100_000),
  unit: z.string().default('pcs'),
  reorderPoint: z.int().nonnegative().default(0),
  policy: z.enum(stockPolicies).default('pool'),
  archived: z.boolean().default(false),
  /** A shelf or department ("Tea", "Kitchen"): filters the catalog, stock, counts and reports. */
  category: z.string().default(''),
  /** Who it is ordered from by default, its number there, and its cost (minor units) until received. */
  supplierId: z.string().default(''),
  supplierSku: z.string().default(''),
  costMinor: z.int().nonnegative().default(0),
  /** Sold by weight: its stock and sales count grams and its price is per kilogram. */
  byWeight: z.boolean().default(false),
})
/** `products` entry (a nested Y.Map, one key per field). */
export type Product = z.infer<typeof ProductSchema>
/** The schema's defaults: what a product field reads as when its key is absent. */
const productDefaults: Record<string, unknown> = (() => {
  const required = { sku: '', name: '', priceMinor: 0, taxRate: 0 }
  return Object.fromEntries(Object.entries(ProductSchema.parse(required)).filter(([k]) => !(k in required)))
})()

/** `customers` entry (a nested Y.Map, one key per field): shared by every store, like products. */
export const CustomerRecordSchema = z.object({
  name: z.string().min(1).max(200),
  phone: z.string().max(50).default(''),
  email: z.string().max(200).default(''),
  note: z.string().max(500).default(''),
  archived: z.boolean().default(false),
})
export type CustomerRecord = z.infer<typeof CustomerRecordSchema>
const customerDefaults: Record<string, unknown> = (() => {
  const required = { name: 'x' }
  return Object.fromEntries(
    Object.entries(CustomerRecordSchema.parse(required)).filter(([k]) => !(k in required)),
  )
})()

/** `suppliers` entry (a nested Y.Map, one key per field): shared by every store, like products. */
export const SupplierRecordSchema = z.object({
  name: z.string().min(1).max(200),
  contact: z.string().max(200).default(''),
  email: z.string().max(200).default(''),
  phone: z.string().max(50).default(''),
  /** Days from ordering to delivery, for reorder suggestions. */
  leadTimeDays: z.int().min(0).max(365).default(7),
  note: z.string().max(500).default(''),
  archived: z.boolean().default(false),
})
export type SupplierRecord = z.infer<typeof SupplierRecordSchema>
const supplierDefaults: Record<string, unknown> = (() => {
  const required = { name: 'x' }
  return Object.fromEntries(
    Object.entries(SupplierRecordSchema.parse(required)).filter(([k]) => !(k in required)),
  )
})()

export const UserSchema = z.object({
  username: z.string().min(1),
  role: z.enum(roles),
  passwordHash: z.string().default(''),
  pinHash: z.string().default(''),
  storeIds: z.array(z.string()).default([]),
  disabled: z.boolean().default(false),
  /** The name shown on screens and receipts; the username when absent. */
  displayName: z.string().optional(),
})
/** `users` entry (a nested Y.Map, one key per field). */
export type User = z.infer<typeof UserSchema>

export const MetaSchema = z.object({
  /** The document's organization id, set once by the founding store (the relay's org id differs). */
  orgId: z.string().optional(),
  orgName: z.string().optional(),
  currency: z.string().optional(),
  schemaVersion: z.int().positive().optional(),
  defaultPolicy: z.enum(stockPolicies).optional(),
  /** Shelf prices include tax (EU); absent or false: prices exclude it (US). */
  pricesIncludeTax: z.boolean().optional(),
})
export type Meta = z.infer<typeof MetaSchema>

export const getMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(META)
export const getReplicas = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(REPLICAS)
export const getStores = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(STORES)
export const getProducts = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(PRODUCTS)
export const getUsers = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(USERS)
export const getCustomers = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(CUSTOMERS)
export const getSuppliers = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(SUPPLIERS)

/** Root name of a replica's log. */
export const logKey = (replicaId: string): string => LOG_PREFIX + replicaId

/** A replica's append-only event log (plain JSON events). */
export const getLog = (doc: Y.Doc, replicaId: string): Y.Array<unknown> =>
  doc.getArray<unknown>(logKey(replicaId))

/**
 * Every replica id that has a log root in the doc. Reads `doc.share`, where remote root types
 * appear as soon as an update mentions them, before anyone has called `getArray` locally.
 */
export function listLogReplicaIds(doc: Y.Doc): string[] {
  const ids: string[] = []
  for (const key of doc.share.keys()) if (key.startsWith(LOG_PREFIX)) ids.push(key.slice(LOG_PREFIX.length))
  return ids.sort()
}

/** `meta.schemaVersion`, or undefined while the doc has not been initialised (treated as current). */
export function readSchemaVersion(doc: Y.Doc): number | undefined {
  const v = getMeta(doc).get('schemaVersion')
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** True when the doc was written by a newer app: this code must not write to it. */
export function isSchemaNewer(doc: Y.Doc): boolean {
  const v = readSchemaVersion(doc)
  return v !== undefined && v > SCHEMA_VERSION
}

export function readMeta(doc: Y.Doc): Meta {
  const parsed = MetaSchema.safeParse(getMeta(doc).toJSON())
  return parsed.success ? parsed.data : {}
}

/** Changes the organization's name or currency (validated; the org id is never changed here). */
export function writeMeta(doc: Y.Doc, patch: Pick<Meta, 'orgName' | 'currency' | 'pricesIncludeTax'>): void {
  const checked = MetaSchema.pick({ orgName: true, currency: true, pricesIncludeTax: true }).parse(patch)
  doc.transact(() => {
    if (checked.orgName !== undefined) getMeta(doc).set('orgName', checked.orgName)
    if (checked.currency !== undefined) getMeta(doc).set('currency', checked.currency)
    if (checked.pricesIncludeTax !== undefined) getMeta(doc).set('pricesIncludeTax', checked.pricesIncludeTax)
  })
}

/** The document's organization id (`meta.orgId`), or undefined before the org exists. */
export function readDocOrgId(doc: Y.Doc): string | undefined {
  const v = getMeta(doc).get('orgId')
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** Creates the org's meta on a fresh doc (owner only). Never lowers an existing schema version. */
export function initMeta(
  doc: Y.Doc,
  init: { orgId?: string; orgName: string; currency: string; defaultPolicy?: StockPolicy },
): void {
  doc.transact(() => {
    const meta = getMeta(doc)
    if (init.orgId !== undefined) meta.set('orgId', init.orgId)
    meta.set('orgName', init.orgName)
    meta.set('currency', init.currency)
    meta.set('defaultPolicy', init.defaultPolicy ?? 'pool')
    const current = readSchemaVersion(doc)
    if (current === undefined || current < SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION)
  })
}

export function readReplica(doc: Y.Doc, replicaId: string): ReplicaInfo | undefined {
  const parsed = ReplicaInfoSchema.safeParse(getReplicas(doc).get(replicaId))
  return parsed.success ? parsed.data : undefined
}

/** All well-formed `replicas` entries, by id. */
export function listReplicas(doc: Y.Doc): Map<string, ReplicaInfo> {
  const out = new Map<string, ReplicaInfo>()
  getReplicas(doc).forEach((value, key) => {
    const parsed = ReplicaInfoSchema.safeParse(value)
    if (parsed.success) out.set(key, parsed.data)
  })
  return out
}

/** Writes this replica's own `replicas` entry (a replica never writes another's key). */
export function writeReplica(doc: Y.Doc, replicaId: string, info: ReplicaInfo): void {
  getReplicas(doc).set(replicaId, ReplicaInfoSchema.parse(info))
}

/** The id of the store whose entry carries `code`, if any (codes name stores to people and to the relay). */
export function storeIdByCode(doc: Y.Doc, code: string): string | undefined {
  for (const [id, value] of getStores(doc)) {
    const parsed = StoreInfoSchema.safeParse(value)
    if (parsed.success && parsed.data.code === code) return id
  }
  return undefined
}

export function readStore(doc: Y.Doc, storeId: string): StoreInfo | undefined {
  const parsed = StoreInfoSchema.safeParse(getStores(doc).get(storeId))
  return parsed.success ? parsed.data : undefined
}

export function writeStore(doc: Y.Doc, storeId: string, info: StoreInfo): void {
  getStores(doc).set(storeId, StoreInfoSchema.parse(info))
}

function writeFields(
  parent: Y.Map<Y.Map<unknown>>,
  id: string,
  fields: Record<string, unknown>,
  defaults: Record<string, unknown> = {},
): void {
  const doc = parent.doc
  const write = (): void => {
    let entry = parent.get(id)
    const isNew = !(entry instanceof Y.Map)
    if (!(entry instanceof Y.Map)) {
      entry = new Y.Map<unknown>()
      parent.set(id, entry)
    }
    // One key per field: concurrent edits of different fields both survive. Each key is an item
    // every replica keeps in memory, so a new record leaves out what equals its default, and an
    // edit leaves out what did not change (re-asserting it would also override a concurrent edit
    // of that field the user never touched).
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue
      if (isNew ? v === defaults[k] : entry.has(k) && entry.get(k) === v) continue
      entry.set(k, v)
    }
  }
  if (doc) doc.transact(write)
  else write()
}

function readFields(parent: Y.Map<Y.Map<unknown>>, id: string): Record<string, unknown> | undefined {
  const entry = parent.get(id)
  return entry instanceof Y.Map ? entry.toJSON() : undefined
}

/** A product with defaults applied, or undefined if unknown or malformed. */
export function readProduct(doc: Y.Doc, productId: string): Product | undefined {
  const raw = readFields(getProducts(doc), productId)
  if (!raw) return undefined
  const parsed = ProductSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

/**
 * One number field of a product as stored (its default when absent or not a whole number): what
 * reports that touch every product read, without validating each whole record.
 */
export function readProductNumber(
  doc: Y.Doc,
  productId: string,
  field: 'costMinor' | 'priceMinor' | 'taxRate' | 'reorderPoint',
): number {
  const value = getProducts(doc).get(productId)?.get(field)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : ((productDefaults[field] as number | undefined) ?? 0)
}

/** Sets the given product fields (last writer wins per field). Full records are validated. */
export function writeProduct(doc: Y.Doc, productId: string, fields: Partial<Product>): void {
  const merged = { ...readFields(getProducts(doc), productId), ...fields }
  ProductSchema.parse(merged)
  writeFields(getProducts(doc), productId, fields, productDefaults)
}

/** A customer with defaults applied, or undefined if unknown or malformed. */
export function readCustomer(doc: Y.Doc, customerId: string): CustomerRecord | undefined {
  const raw = readFields(getCustomers(doc), customerId)
  if (!raw) return undefined
  const parsed = CustomerRecordSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

/** Sets the given customer fields (last writer wins per field). Full records are validated. */
export function writeCustomer(doc: Y.Doc, customerId: string, fields: Partial<CustomerRecord>): void {
  CustomerRecordSchema.parse({ ...readFields(getCustomers(doc), customerId), ...fields })
  writeFields(getCustomers(doc), customerId, fields, customerDefaults)
}

export function readSupplier(doc: Y.Doc, supplierId: string): SupplierRecord | undefined {
  const raw = readFields(getSuppliers(doc), supplierId)
  if (!raw) return undefined
  const parsed = SupplierRecordSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

/** Sets the given supplier fields (last writer wins per field). Full records are validated. */
export function writeSupplier(doc: Y.Doc, supplierId: string, fields: Partial<SupplierRecord>): void {
  SupplierRecordSchema.parse({ ...readFields(getSuppliers(doc), supplierId), ...fields })
  writeFields(getSuppliers(doc), supplierId, fields, supplierDefaults)
}

export function listSupplierIds(doc: Y.Doc): string[] {
  return [...getSuppliers(doc).keys()].sort()
}

export function listProductIds(doc: Y.Doc): string[] {
  return [...getProducts(doc).keys()].sort()
}

export function readUser(doc: Y.Doc, userId: string): User | undefined {
  const raw = readFields(getUsers(doc), userId)
  if (!raw) return undefined
  const parsed = UserSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

export function writeUser(doc: Y.Doc, userId: string, fields: Partial<User>): void {
  const merged = { ...readFields(getUsers(doc), userId), ...fields }
  UserSchema.parse(merged)
  writeFields(getUsers(doc), userId, fields)
}
