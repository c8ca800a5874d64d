#!/usr/bin/env node
// Draws the Teams app icons of Koers (a compass: a ring and a needle pointing north-east) and
// writes them as PNG with nothing but node:zlib:
//   manifests/teams/color.png    192×192, full colour on the accent colour
//   manifests/teams/outline.png   32×32, white on transparent (what Teams asks of an outline icon)
// Usage: node scripts/make-teams-icons.mjs [--out DIR]   (default: manifests/teams)
// The drawing is deterministic; test/manifests compares the committed files with a fresh run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x1b, 0x5e, 0x83]; // keep equal to accentColor in manifest.json
const AMBER = [0xf5, 0xa6, 0x23];
const WHITE = [0xff, 0xff, 0xff];
const NEEDLE_ANGLE_RAD = (40 * Math.PI) / 180; // clockwise from north: a course to the north-east
const SAMPLES = 4; // 4×4 samples per pixel for smooth edges

// --- PNG ---------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** RGBA pixels (width*height*4 bytes) to a PNG file: 8-bit, colour type 6, no interlace. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- drawing -----------------------------------------------------------------------------

function ring(cx, cy, outer, inner) {
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= outer && d >= inner;
  };
}

function disc(cx, cy, r) {
  return (x, y) => Math.hypot(x - cx, y - cy) <= r;
}

function triangle(a, b, c) {
  const side = (p, q, x, y) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

/** The two halves of the compass needle: the pointing half and the tail. */
function needle(cx, cy, halfLength, halfWidth) {
  const dx = Math.sin(NEEDLE_ANGLE_RAD);
  const dy = -Math.cos(NEEDLE_ANGLE_RAD);
  const tip = [cx + dx * halfLength, cy + dy * halfLength];
  const tail = [cx - dx * halfLength, cy - dy * halfLength];
  const left = [cx - dy * halfWidth, cy + dx * halfWidth];
  const right = [cx + dy * halfWidth, cy - dx * halfWidth];
  return { head: triangle(tip, left, right), tail: triangle(tail, right, left) };
}

function coverage(shape, px, py) {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

/**
 * Paints layers (bottom first) over a background and returns RGBA pixels.
 * background: [r, g, b, a] in 0..255; layers: { shape, color: [r, g, b] }.
 */
function paint(size, background, layers) {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b] = background;
      let a = background[3] / 255;
      for (const { shape, color } of layers) {
        const c = coverage(shape, x, y);
        if (c === 0) continue;
        // "over" compositing with straight (non-premultiplied) alpha
        const outA = c + a * (1 - c);
        r = (color[0] * c + r * a * (1 - c)) / outA;
        g = (color[1] * c + g * a * (1 - c)) / outA;
        b = (color[2] * c + b * a * (1 - c)) / outA;
        a = outA;
      }
      const i = (y * size + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

export function drawColorIcon() {
  const size = 192;
  const c = size / 2;
  const { head, tail } = needle(c, c, 46, 14);
  const layers = [
    { shape: ring(c, c, 64, 54), color: WHITE },
    { shape: tail, color: WHITE },
    { shape: head, color: AMBER },
    { shape: disc(c, c, 5), color: ACCENT },
  ];
  return encodePng(size, size, paint(size, [...ACCENT, 255], layers));
}

export function drawOutlineIcon() {
  const size = 32;
  const c = size / 2;
  const { head, tail } = needle(c, c, 10, 3.5);
  // White only: Teams tints the outline icon itself, so every visible pixel is white.
  const layers = [
    { shape: ring(c, c, 15, 12.75), color: WHITE },
    { shape: (x, y) => head(x, y) || tail(x, y), color: WHITE },
  ];
  return encodePng(size, size, paint(size, [255, 255, 255, 0], layers));
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir =
    outIndex >= 0 ? argv[outIndex + 1] : fileURLToPath(new URL('../manifests/teams/', import.meta.url));
  if (!outDir) {
    process.stderr.write('usage: node scripts/make-teams-icons.mjs [--out DIR]\n');
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'color.png'), drawColorIcon());
  writeFileSync(join(outDir, 'outline.png'), drawOutlineIcon());
  process.stdout.write(`wrote color.png (192×192) and outline.png (32×32) to ${outDir}\n`);
}

main(process.argv.slice(2));
