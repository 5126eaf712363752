// Draws Cairn's icons (a cairn: three stacked stones) and writes them as PNG files, with nothing
// but node:zlib. Run `node build/icons/generate.mjs` after changing the drawing; the output is
// committed: resources/tray/* (tray states, light/dark panels, macOS templates, 1x and @2x) and
// build/icon.png (512 px, from which electron-builder makes the .ico and .icns).
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUPERSAMPLE = 4;

// ------------------------------------------------------------------ PNG encoding

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA image (Uint8Array, row after row) as PNG bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ------------------------------------------------------------------ drawing

/** Shapes in unit coordinates (0..1, y down): each says whether a point is inside. */
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const circle = (cx, cy, r) => ellipse(cx, cy, r, r);
const ring = (cx, cy, r, width) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - width;
};
const triangle = (cx, cy, r) => (x, y) => {
  // Upward triangle inscribed in a circle of radius r.
  const top = cy - r;
  const bottom = cy + r * 0.6;
  if (y < top || y > bottom) return false;
  const half = ((y - top) / (bottom - top)) * r * 0.95;
  return Math.abs(x - cx) <= half;
};
const roundedSquare = (inset, radius) => (x, y) => {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
};

/** The three stones, bottom to top, leaving room at the top right for a state badge. */
const stones = [ellipse(0.44, 0.8, 0.4, 0.15), ellipse(0.44, 0.54, 0.29, 0.125), ellipse(0.44, 0.3, 0.18, 0.105)];

const BADGE = { cx: 0.8, cy: 0.24, r: 0.2 };
const badges = {
  idle: null,
  running: ring(BADGE.cx, BADGE.cy, BADGE.r, 0.09),
  warning: triangle(BADGE.cx, BADGE.cy + 0.03, BADGE.r),
  error: circle(BADGE.cx, BADGE.cy, BADGE.r),
};
const badgeColours = { running: [47, 128, 237, 255], warning: [242, 153, 0, 255], error: [226, 59, 59, 255] };

/** Renders layers ({ shape, colour } drawn over, or { shape, erase: true }) at `size` px. */
function render(size, layers) {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (layer.shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
          }
        }
        const coverage = hits / (n * n);
        if (coverage === 0) continue;
        if (layer.erase) {
          a *= 1 - coverage;
          continue;
        }
        // "Over" compositing in straight (non-premultiplied) alpha.
        const sa = (layer.colour[3] / 255) * coverage;
        const oa = sa + a * (1 - sa);
        if (oa > 0) {
          r = (layer.colour[0] * sa + r * a * (1 - sa)) / oa;
          g = (layer.colour[1] * sa + g * a * (1 - sa)) / oa;
          b = (layer.colour[2] * sa + b * a * (1 - sa)) / oa;
        }
        a = oa;
      }
      const i = (py * size + px) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

/** A tray icon: stones in `stoneColour`, and the state's badge cut clear of them. */
function trayLayers(state, stoneColour, badgeColour) {
  const layers = stones.map((shape) => ({ shape, colour: stoneColour }));
  const badge = badges[state];
  if (!badge) return layers;
  return [...layers, { shape: circle(BADGE.cx, BADGE.cy, BADGE.r + 0.07), erase: true }, { shape: badge, colour: badgeColour ?? badgeColours[state] }];
}

function write(path, size, layers) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, render(size, layers)));
}

const variants = {
  // For light panels (Windows, most Linux themes): dark stones.
  light: { stone: [52, 56, 60, 255] },
  // For dark panels: light stones.
  dark: { stone: [236, 236, 232, 255] },
  // macOS template: black + alpha only; the menu bar tints it. The badge keeps its shape, not its colour.
  Template: { stone: [0, 0, 0, 255], badge: [0, 0, 0, 255] },
};

for (const state of Object.keys(badges)) {
  for (const [variant, colours] of Object.entries(variants)) {
    const base = variant === 'Template' ? `${state}Template` : `${state}-${variant}`;
    write(`resources/tray/${base}.png`, 16, trayLayers(state, colours.stone, colours.badge));
    write(`resources/tray/${base}@2x.png`, 32, trayLayers(state, colours.stone, colours.badge));
  }
}

// The app icon: cream stones on a teal tile, each stone a shade darker than the one above.
const tile = roundedSquare(0.06, 0.2);
write('build/icon.png', 512, [
  { shape: tile, colour: [42, 138, 140, 255] },
  // A darker lower half: the tile's ground.
  { shape: (x, y) => tile(x, y) && y > 0.62 + 0.08 * Math.sin(x * 3.1), colour: [27, 101, 108, 255] },
  { shape: ellipse(0.5, 0.76, 0.3, 0.11), colour: [214, 205, 188, 255] },
  { shape: ellipse(0.5, 0.57, 0.22, 0.09), colour: [232, 225, 210, 255] },
  { shape: ellipse(0.5, 0.4, 0.14, 0.075), colour: [246, 242, 232, 255] },
]);
stdout.write('Icons written to resources/tray/ and build/icon.png\n');
