// Draws the app icon (build/icon.png, 512×512) without any image library: the Allot mark — a
// teal rounded square with three white bars — rasterised with 4×4 supersampling and written as a
// PNG with node:zlib. electron-builder derives the Windows .ico and macOS .icns from it.
//   node build/make-icon.ts
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const size = 512
const teal = [0x0c, 0x8a, 0x7b] as const // Mantine teal.7
const white = [0xff, 0xff, 0xff] as const

interface RoundRect {
  x: number
  y: number
  w: number
  h: number
  r: number
}

function inside(px: number, py: number, rect: RoundRect): boolean {
  if (px < rect.x || py < rect.y || px > rect.x + rect.w || py > rect.y + rect.h) return false
  const cx = Math.min(Math.max(px, rect.x + rect.r), rect.x + rect.w - rect.r)
  const cy = Math.min(Math.max(py, rect.y + rect.r), rect.y + rect.h - rect.r)
  return (px - cx) ** 2 + (py - cy) ** 2 <= rect.r ** 2
}

// The same geometry as renderer/src/ui/BrandMark.tsx (a 64-unit grid), scaled to 512.
const k = size / 64
const background: RoundRect = { x: 0, y: 0, w: 64 * k, h: 64 * k, r: 14 * k }
const bars: { rect: RoundRect; alpha: number }[] = [
  { rect: { x: 14 * k, y: 16 * k, w: 36 * k, h: 8 * k, r: 4 * k }, alpha: 1 },
  { rect: { x: 14 * k, y: 28 * k, w: 26 * k, h: 8 * k, r: 4 * k }, alpha: 0.85 },
  { rect: { x: 14 * k, y: 40 * k, w: 16 * k, h: 8 * k, r: 4 * k }, alpha: 0.7 },
]

function pixel(x: number, y: number): [number, number, number, number] {
  const samples = 4
  let r = 0
  let g = 0
  let b = 0
  let a = 0
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = x + (sx + 0.5) / samples
      const py = y + (sy + 0.5) / samples
      if (!inside(px, py, background)) continue
      let color: readonly number[] = teal
      for (const bar of bars) {
        if (inside(px, py, bar.rect)) color = teal.map((c, i) => c + (white[i]! - c) * bar.alpha)
      }
      r += color[0]!
      g += color[1]!
      b += color[2]!
      a += 255
    }
  }
  const n = samples * samples
  const covered = a / 255
  return covered === 0
    ? [0, 0, 0, 0]
    : ([r / covered, g / covered, b / covered, a / n].map(Math.round) as [number, number, number, number])
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer: Buffer): number {
  let c = 0xffffffff
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const raw = Buffer.alloc((size * 4 + 1) * size)
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1)
  raw[row] = 0 // filter: none
  for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4)
}
const header = Buffer.alloc(13)
header.writeUInt32BE(size, 0)
header.writeUInt32BE(size, 4)
header[8] = 8 // bit depth
header[9] = 6 // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
const out = join(import.meta.dirname, 'icon.png')
writeFileSync(out, png)
console.log(`wrote ${out} (${png.length} bytes)`)
