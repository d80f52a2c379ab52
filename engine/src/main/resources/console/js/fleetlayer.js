// The fleet drawn on one canvas over the map: no DOM marker per unit, and no canvas call per unit
// either (each unit's symbol is copied pixel by pixel into one ImageData, put on the canvas once),
// so that 10,000 units redraw within a frame. Units are kept in typed arrays by slot.
import { drawSymbol } from './symbols.js';

export class FleetLayer {
  constructor(map, fleet) {
    this.map = map;
    this.fleet = fleet;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'fleet-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.dirty = true;
    this.visible = () => true;
    this.selected = -1;
    this.xs = new Float32Array(0);
    this.ys = new Float32Array(0);
    map.on('move zoom resize viewreset', () => this.requestDraw());
    this.requestDraw();
  }

  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /**
   * Draws every visible unit now; returns the time taken in milliseconds. The symbols are copied
   * pixel by pixel into one reused ImageData (typed arrays, no object per unit) and put on the
   * canvas once: a canvas drawImage per unit cost 275-509 ms a frame for 10,000 units in a
   * software-rendered Chromium (benchmarks/RESULTS.md), a pixel copy a few ms.
   */
  draw() {
    const t0 = performance.now();
    const size = this.map.getSize();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.x * dpr);
    const h = Math.round(size.y * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h || !this.image) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = size.x + 'px';
      this.canvas.style.height = size.y + 'px';
      this.image = w > 0 && h > 0 ? this.ctx.createImageData(w, h) : null;
      this.pixels = this.image ? new Uint32Array(this.image.data.buffer) : null;
    }
    if (!this.image) return performance.now() - t0;
    const pixels = this.pixels;
    pixels.fill(0);
    const f = this.fleet;
    const n = f.count;
    if (this.xs.length < n) {
      this.xs = new Float32Array(f.capacity);
      this.ys = new Float32Array(f.capacity);
    }
    const zoom = this.map.getZoom();
    const r = zoom >= 16 ? 9 : zoom >= 14 ? 7 : 4;
    const labels = zoom >= 15 && n <= 2000;
    // Web Mercator by hand per unit (no object per unit); the offset to container pixels from the
    // map's own projection of one point
    const scale = 256 * Math.pow(2, zoom);
    const ref = this.map.latLngToContainerPoint([0, 0]);
    const offX = ref.x - scale / 2;
    const offY = ref.y - scale / 2;
    let labelled = 0;
    for (let i = 0; i < n; i++) {
      this.xs[i] = NaN;
      if (!f.hasFix[i] || !this.visible(i)) continue;
      const x = (f.lon[i] + 180) / 360 * scale + offX;
      const s = Math.sin(f.lat[i] * Math.PI / 180);
      const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale + offY;
      if (x < -20 || y < -20 || x > size.x + 20 || y > size.y + 20) continue;
      this.xs[i] = x;
      this.ys[i] = y;
      const sprite = this.sprite(f.kind[i], f.group[i], f.stale[i] === 1, i === this.selected, r, dpr);
      blit(pixels, w, h, sprite, Math.round(x * dpr) - sprite.half, Math.round(y * dpr) - sprite.half);
      if (labels || i === this.selected) labelled++;
    }
    this.ctx.putImageData(this.image, 0, 0);
    if (labelled > 0) this.drawLabels(labels, r, dpr);
    return performance.now() - t0;
  }

  /** Call signs (and the age of stale positions) beside the units drawn, over the symbols. */
  drawLabels(all, r, dpr) {
    const ctx = this.ctx;
    const f = this.fleet;
    const now = Date.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    for (let i = 0; i < f.count; i++) {
      const x = this.xs[i];
      if (Number.isNaN(x) || !(all || i === this.selected)) continue;
      const stale = f.stale[i] === 1;
      let text = f.callsign[i];
      if (stale) text += ' (stale ' + ageText(f.fixAgeAt(i, now)) + ')';
      ctx.strokeText(text, x + r + 3, this.ys[i]);
      ctx.fillStyle = stale ? '#b00020' : '#1d1d1d';
      ctx.fillText(text, x + r + 3, this.ys[i]);
    }
  }

  /**
   * The symbol of one kind, status group, staleness and selection at radius r, drawn once with the
   * canvas (anti-aliased) and kept as its non-transparent pixels: offsets, colours and alphas.
   */
  sprite(kind, group, stale, selected, r, dpr) {
    const key = ((((kind * 8 + group) * 2 + (stale ? 1 : 0)) * 2 + (selected ? 1 : 0)) * 32 + r) * 4 + dpr;
    if (!this.sprites) this.sprites = new Map();
    let sprite = this.sprites.get(key);
    if (!sprite) {
      const size = Math.ceil((r * 2.6 + 6) * dpr);
      const c = document.createElement('canvas');
      c.width = size;
      c.height = size;
      const g = c.getContext('2d');
      g.scale(dpr, dpr);
      drawSymbol(g, kind, group, size / dpr / 2, size / dpr / 2, r, stale, selected);
      sprite = spriteOf(g.getImageData(0, 0, size, size), size);
      this.sprites.set(key, sprite);
    }
    return sprite;
  }

  /** The slot of the unit drawn nearest the container point (px), within 14 px, or -1. */
  hit(px, py) {
    let best = -1;
    let bestD = 14 * 14;
    for (let i = 0; i < this.fleet.count; i++) {
      const x = this.xs[i];
      if (Number.isNaN(x)) continue;
      const dx = x - px;
      const dy = this.ys[i] - py;
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }
}

/** A symbol's pixels that are not fully transparent: x, y within it, RGBA (as in ImageData) and alpha. */
function spriteOf(image, size) {
  const src = new Uint32Array(image.data.buffer);
  let count = 0;
  for (let k = 0; k < src.length; k++) if (image.data[k * 4 + 3] > 0) count++;
  const sprite = {
    half: Math.floor(size / 2), count, dx: new Int16Array(count), dy: new Int16Array(count),
    rgba: new Uint32Array(count), alpha: new Uint8Array(count),
  };
  let j = 0;
  for (let k = 0; k < src.length; k++) {
    const a = image.data[k * 4 + 3];
    if (a === 0) continue;
    sprite.dx[j] = k % size;
    sprite.dy[j] = Math.floor(k / size);
    sprite.rgba[j] = src[k];
    sprite.alpha[j] = a;
    j++;
  }
  return sprite;
}

/**
 * Copies a sprite's pixels into the frame (RGBA words, width w, height h) at left, top: opaque
 * pixels are written, the anti-aliased edge is blended over what is there ("source over", on the
 * ImageData's unpremultiplied colours). Pixels outside the frame are skipped.
 */
function blit(pixels, w, h, sprite, left, top) {
  const { count, dx, dy, rgba, alpha } = sprite;
  for (let j = 0; j < count; j++) {
    const x = left + dx[j];
    const y = top + dy[j];
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    const at = y * w + x;
    const sa = alpha[j];
    const below = pixels[at];
    const da = below >>> 24;
    if (sa === 255 || da === 0) {
      pixels[at] = rgba[j];
      continue;
    }
    // out alpha = sa + da (1 - sa); out colour = (sc sa + dc da (1 - sa)) / out alpha, in 0..255 units
    const s = rgba[j];
    const keep = (da * (255 - sa)) / 255;
    const oa = sa + keep;
    const r = ((s & 0xff) * sa + (below & 0xff) * keep) / oa;
    const g = (((s >>> 8) & 0xff) * sa + ((below >>> 8) & 0xff) * keep) / oa;
    const b = (((s >>> 16) & 0xff) * sa + ((below >>> 16) & 0xff) * keep) / oa;
    pixels[at] = ((Math.round(oa) << 24) | (Math.round(b) << 16) | (Math.round(g) << 8) | Math.round(r)) >>> 0;
  }
}

export function ageText(seconds) {
  if (!Number.isFinite(seconds)) return 'no fix';
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}
