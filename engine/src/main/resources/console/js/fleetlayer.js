// The fleet drawn on one canvas over the map: no DOM marker per unit, a cached symbol bitmap copied
// per unit, at most one redraw per animation frame however many stream messages arrived since the last
// (requestDraw), units outside the view skipped and so are units hidden under a unit drawn over them
// (their centres within r/3 CSS pixels). Units are kept in typed arrays by slot.
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
    /**
     * 'bitmaps' (the page's: each symbol copied from its ImageBitmap) or 'canvases' (from its small
     * canvas, as before; kept for the speed test's comparison in one run).
     */
    this.renderer = 'bitmaps';
    /**
     * Whether units hidden under a unit drawn over them are skipped (the page's; off only for the
     * speed test's comparison in one run).
     */
    this.occlusion = true;
    this.xs = new Float32Array(0);
    this.ys = new Float32Array(0);
    /** 1 for each slot whose symbol the last redraw copied. */
    this.kept = new Uint8Array(0);
    /** Called after each redraw with the time it took, ms (the page's frame statistics). */
    this.onDrawn = () => {};
    map.on('move zoom resize viewreset', () => this.requestDraw());
    this.requestDraw();
  }

  /** Redraws at the next animation frame; any number of calls before it make one redraw. */
  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.onDrawn(this.draw());
    });
  }

  /**
   * Draws every visible unit now; returns the time taken in milliseconds. Three passes over the
   * typed arrays, no object per unit: project (Web Mercator by hand) and skip units outside the view;
   * from the top of the drawing order down, keep a unit only if no unit drawn over it has its centre
   * in the same cell of r/3 CSS pixels (it would be hidden but for a sliver of at most 0.5 r; the
   * selected unit is always kept and drawn last, on top); copy each kept unit's symbol at whole
   * device pixels from a cached ImageBitmap (its canvas until the bitmap is ready). Call signs go
   * beside kept units only. (Writing the symbols' pixels into one ImageData put once was measured
   * against copying: slower, 86.5 against 63.4 ms; not kept.)
   */
  draw() {
    const t0 = performance.now();
    const size = this.map.getSize();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.round(size.x * dpr);
    const height = Math.round(size.y * dpr);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.canvas.style.width = size.x + 'px';
      this.canvas.style.height = size.y + 'px';
    }
    const bitmaps = this.renderer === 'bitmaps';
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = false;
    const f = this.fleet;
    const n = f.count;
    if (this.xs.length < n) {
      this.xs = new Float32Array(f.capacity);
      this.ys = new Float32Array(f.capacity);
      this.kept = new Uint8Array(f.capacity);
    }
    const xs = this.xs;
    const ys = this.ys;
    const kept = this.kept;
    const zoom = this.map.getZoom();
    const r = zoom >= 16 ? 9 : zoom >= 14 ? 7 : 4;
    const labels = zoom >= 15 && n <= 2000;
    // Web Mercator by hand per unit (no object per unit); the offset to container pixels from the
    // map's own projection of one point
    const scale = 256 * Math.pow(2, zoom);
    const ref = this.map.latLngToContainerPoint([0, 0]);
    const offX = ref.x - scale / 2;
    const offY = ref.y - scale / 2;
    const maxX = size.x + 20;
    const maxY = size.y + 20;
    const lat = f.lat;
    const lon = f.lon;
    const hasFix = f.hasFix;
    const toRadians = Math.PI / 180;
    for (let i = 0; i < n; i++) {
      xs[i] = NaN;
      kept[i] = 0;
      if (!hasFix[i] || !this.visible(i)) continue;
      const x = (lon[i] + 180) / 360 * scale + offX;
      const s = Math.sin(lat[i] * toRadians);
      const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale + offY;
      if (x < -20 || y < -20 || x > maxX || y > maxY) continue;
      xs[i] = x;
      ys[i] = y;
      kept[i] = 1;
    }
    if (this.occlusion) this.hideOverdrawn(n, r, size);
    const selected = this.selected;
    let drawn = 0;
    for (let i = 0; i < n; i++) {
      if (kept[i] === 0 || i === selected) continue;
      this.copySymbol(i, false, r, dpr, bitmaps);
      drawn++;
    }
    if (selected >= 0 && selected < n && !Number.isNaN(xs[selected])) {
      kept[selected] = 1;
      this.copySymbol(selected, true, r, dpr, bitmaps);
      drawn++;
    }
    /** Symbols copied by the last redraw (the speed test prints it). */
    this.drawnCount = drawn;
    if (labels || (selected >= 0 && selected < n && kept[selected] === 1)) this.drawLabels(labels, dpr);
    return performance.now() - t0;
  }

  /** Copies slot i's symbol centred on its projected point, at whole device pixels (no resampling). */
  copySymbol(i, selected, r, dpr, bitmaps) {
    const f = this.fleet;
    const sprite = this.sprite(f.kind[i], f.group[i], f.stale[i] === 1, selected, r, dpr);
    const left = Math.round(this.xs[i] * dpr - sprite.halfDevice);
    const top = Math.round(this.ys[i] * dpr - sprite.halfDevice);
    this.ctx.drawImage(bitmaps && sprite.bitmap ? sprite.bitmap : sprite, left, top);
  }

  /**
   * Clears kept[i] for each unit whose centre shares a cell of r/3 CSS pixels with a unit drawn
   * later (over it). Cells are marked with the redraw's number in an Int32Array reused across
   * redraws, so nothing is cleared or allocated per redraw once the view's size is stable.
   */
  hideOverdrawn(n, r, size) {
    const cell = Math.max(1, r / 3);
    const cols = Math.ceil((size.x + 41) / cell);
    const rows = Math.ceil((size.y + 41) / cell);
    if (!this.cells || this.cells.length < cols * rows) {
      this.cells = new Int32Array(cols * rows);
      this.stamp = 0;
    }
    const cells = this.cells;
    const stamp = ++this.stamp;
    const xs = this.xs;
    const ys = this.ys;
    const kept = this.kept;
    for (let i = n - 1; i >= 0; i--) {
      if (kept[i] === 0) continue;
      const c = Math.floor((xs[i] + 20) / cell) + cols * Math.floor((ys[i] + 20) / cell);
      if (cells[c] === stamp) kept[i] = 0; else cells[c] = stamp;
    }
  }

  /** Call signs (and stale ages) beside the units drawn, or of the selected one only. */
  drawLabels(all, dpr) {
    const ctx = this.ctx;
    const f = this.fleet;
    const now = Date.now();
    const zoom = this.map.getZoom();
    const r = zoom >= 16 ? 9 : zoom >= 14 ? 7 : 4;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    for (let i = 0; i < f.count; i++) {
      const x = this.xs[i];
      if (this.kept[i] === 0 || !(all || i === this.selected)) continue;
      const y = this.ys[i];
      const stale = f.stale[i] === 1;
      let text = f.callsign[i];
      if (stale) text += ' (stale ' + ageText(f.fixAgeAt(i, now)) + ')';
      ctx.strokeText(text, x + r + 3, y);
      ctx.fillStyle = stale ? '#b00020' : '#1d1d1d';
      ctx.fillText(text, x + r + 3, y);
    }
  }

  /**
   * The symbol of one kind, status group, staleness and selection at radius r, drawn once into a
   * small canvas (device pixels) and kept with an ImageBitmap of it (Chromium copies a bitmap
   * without taking a snapshot of a canvas per call).
   */
  sprite(kind, group, stale, selected, r, dpr) {
    const key = ((((kind * 8 + group) * 2 + (stale ? 1 : 0)) * 2 + (selected ? 1 : 0)) * 32 + r) * 4 + dpr;
    if (!this.sprites) this.sprites = [];
    let c = this.sprites[key];
    if (!c) {
      const size = Math.ceil(r * 2.6 + 6);
      c = document.createElement('canvas');
      c.width = Math.ceil(size * dpr);
      c.height = Math.ceil(size * dpr);
      const g = c.getContext('2d');
      g.scale(dpr, dpr);
      drawSymbol(g, kind, group, size / 2, size / 2, r, stale, selected);
      c.halfDevice = c.width / 2;
      this.sprites[key] = c;
      if (typeof createImageBitmap === 'function') {
        createImageBitmap(c).then((b) => { c.bitmap = b; }, () => {});
      }
    }
    return c;
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

export function ageText(seconds) {
  if (!Number.isFinite(seconds)) return 'no fix';
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

