// Road conditions: draw a shape on the map (an area: click corners, double-click or Finish; a
// circle: its centre, then a point on its edge; a road: its two ends; Escape cancels; "Add map
// centre" for the keyboard), then close its roads now (Roads.AddClosure), slow them by a factor
// (Roads.AddSlowdown: areas and circles, a circle sent as the 64-sided polygon on it), both for an
// optional time window, or ask "what if" for a closure (the current incident re-ranked with the
// shape as a what_if_closure, the service unchanged). Conditions are drawn (closures red and
// hatched, slowdowns orange) with their id and reason and listed with a Remove button
// (Roads.RemoveCondition); after each change the shown incident is ranked again.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { describe, escapeHtml } from './util.js';

const $ = (id) => document.getElementById(id);
const CLOSED = { color: '#b00020', weight: 3, fillColor: 'url(#closure-hatch)', fillOpacity: 1, interactive: false };
const WHAT_IF = { color: '#b00020', weight: 3, dashArray: '8 6', fillColor: '#b00020', fillOpacity: 0.12, interactive: false };
const SLOWED = { color: '#9a6700', weight: 3, dashArray: '10 4', fillColor: '#e69f00', fillOpacity: 0.22, interactive: false };
const DRAFT = { color: '#e69f00', weight: 3, dashArray: '4 4', fillColor: '#e69f00', fillOpacity: 0.15, interactive: false };

/** The shapes a condition may have: points needed (0: three or more, finished by the user). */
const SHAPES = {
  area: { points: 0, noun: 'area', first: 'Click the corners of the area on the map' },
  circle: { points: 2, noun: 'circle', first: 'Click the centre of the circle, then a point on its edge' },
  road: { points: 2, noun: 'road', first: 'Click one end of the road, then the other (the fastest route between them is closed)' },
};

export class RoadDesk {
  /** desk: the IncidentDesk whose shown incident is ranked again after a change (may be null). */
  constructor(client, map, desk, setStatus) {
    this.client = client;
    this.map = map;
    this.desk = desk;
    this.setStatus = setStatus;
    this.layer = L.layerGroup().addTo(map);
    this.draftLayer = L.layerGroup().addTo(map);
    this.points = null; // [[lat, lon], ...] while drawing
    this.finished = false;
    this.conditions = [];
    this.lastClosure = null;
    $('roads-panel').hidden = false;
    $('road-draw').addEventListener('click', () => this.startDrawing());
    $('road-centre').addEventListener('click', () => { const c = map.getCenter(); this.addPoint(c.lat, c.lng); });
    $('road-finish').addEventListener('click', () => this.finish());
    $('road-cancel').addEventListener('click', () => this.cancel('Drawing cancelled.'));
    $('road-close-now').addEventListener('click', () => this.closeNow());
    $('road-what-if').addEventListener('click', () => this.whatIf());
    $('road-slow').addEventListener('click', () => this.slowNow());
    $('road-radius').addEventListener('input', () => this.redrawDraft());
    this.shapeKind = 'area';
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.points) this.cancel('Drawing cancelled (Escape).'); });
    map.on('dblclick', () => { if (this.points && !this.finished) this.finish(); });
    addHatchPattern(map);
    this.updateControls();
    this.version = null;
    // other consoles and the command line change conditions too: look every 15 s, redraw on a new version
    setInterval(() => this.refresh(), 15000);
  }

  get drawing() {
    return this.points !== null && !this.finished;
  }

  startDrawing() {
    this.shapeKind = $('road-shape').value;
    this.points = [];
    this.finished = false;
    this.map.doubleClickZoom.disable();
    $('map').classList.add('drawing');
    $('road-error').textContent = '';
    const shape = SHAPES[this.shapeKind];
    this.say(shape.first + ' (or pan with the arrow keys and use "Add map centre")'
      + (shape.points === 0 ? '; double-click or "Finish shape" when done' : '') + '; Escape cancels.');
    this.redrawDraft();
    this.updateControls();
    $('road-centre').focus(); // the Close roads button hides: keyboard users go on from here
  }

  /** A map click while drawing: a corner. */
  addPoint(lat, lon) {
    if (!this.drawing) return;
    const last = this.points[this.points.length - 1];
    if (last && Math.abs(last[0] - lat) < 1e-7 && Math.abs(last[1] - lon) < 1e-7) return; // the clicks of a double-click
    this.points.push([lat, lon]);
    if (this.shapeKind === 'circle' && this.points.length === 2) {
      $('road-radius').value = String(Math.max(1, Math.round(this.map.distance(this.points[0], this.points[1]))));
      this.finish();
      return;
    }
    if (this.shapeKind === 'road' && this.points.length === 2) {
      this.finish();
      return;
    }
    if (this.shapeKind === 'area') {
      this.say(this.points.length + ' corner' + (this.points.length === 1 ? '' : 's') + ' placed'
        + (this.points.length < 3 ? ' (at least 3 needed)' : '; double-click or "Finish shape" when done') + '.');
    } else {
      this.say((this.shapeKind === 'circle' ? 'Centre placed; now a point on the edge' : 'One end placed; now the other')
        + ' (click, or "Add map centre").');
    }
    this.redrawDraft();
    this.updateControls();
  }

  finish() {
    if (!this.drawing) return;
    if (this.shapeKind === 'area' && this.points.length < 3) {
      $('road-error').textContent = 'An area needs at least 3 corners (' + this.points.length + ' placed).';
      return;
    }
    if (this.shapeKind !== 'area' && this.points.length < 2) return;
    this.finished = true;
    this.map.doubleClickZoom.enable();
    $('map').classList.remove('drawing');
    this.say((this.shapeKind === 'area' ? 'Area of ' + this.points.length + ' corners drawn.'
      : this.shapeKind === 'circle' ? 'Circle drawn (radius below, in metres).' : 'Road ends placed.')
      + ' Give a reason and, if wanted, a time window; then "Close now", "What if"'
      + (this.shapeKind === 'road' ? '.' : ' or "Slow down".'));
    this.redrawDraft();
    this.updateControls();
    $('road-reason').focus();
  }

  cancel(message) {
    if (this.desk) this.desk.dropWhatIf(); // a what-if ranking ends with its drawing
    this.points = null;
    this.finished = false;
    this.map.doubleClickZoom.enable();
    $('map').classList.remove('drawing');
    this.draftLayer.clearLayers();
    this.say(message);
    this.updateControls();
    if (document.activeElement === document.body || document.activeElement.hidden) $('road-draw').focus();
  }

  say(text) {
    $('road-help').textContent = text;
  }

  updateControls() {
    const drawing = this.drawing;
    const ready = this.points !== null && this.finished;
    $('road-draw').hidden = this.points !== null;
    $('road-centre').hidden = !drawing;
    $('road-finish').hidden = !drawing || this.shapeKind !== 'area'; // circles and roads finish by themselves
    $('road-finish').disabled = !drawing || this.points.length < 3;
    $('road-cancel').hidden = this.points === null;
    $('road-ready').hidden = !ready;
    $('road-shape').disabled = this.points !== null;
    $('road-radius-row').hidden = !(ready && this.shapeKind === 'circle');
    // a slowdown is an area (or a circle sent as its polygon), never a road between two points
    $('road-slow-row').hidden = !ready || this.shapeKind === 'road';
    $('road-what-if').disabled = !(this.desk && this.desk.current);
    $('road-what-if').title = this.desk && this.desk.current ? '' : 'Rank an incident first';
  }

  redrawDraft() {
    this.draftLayer.clearLayers();
    if (!this.points) return;
    if (this.shapeKind === 'circle') {
      if (this.finished) L.circle(this.points[0], { ...DRAFT, radius: this.radiusMetres() || 1 }).addTo(this.draftLayer);
    } else if (this.points.length >= 3) L.polygon(this.points, DRAFT).addTo(this.draftLayer);
    else if (this.points.length === 2) L.polyline(this.points, DRAFT).addTo(this.draftLayer);
    this.points.forEach((p) => L.circleMarker(p, { radius: 5, color: '#000', weight: 2, fillColor: '#e69f00', fillOpacity: 1,
      interactive: false }).addTo(this.draftLayer));
  }

  /** The radius typed or drawn, metres (NaN when not a number). */
  radiusMetres() {
    return Number($('road-radius').value);
  }

  /** The drawn area as a GeoJSON Polygon ([lon, lat] corners, the ring closed); a circle as its 64-gon. */
  areaGeojson() {
    const corners = this.shapeKind === 'circle' ? circleCorners(this.points[0], this.radiusMetres()) : this.points;
    const ring = corners.map(([lat, lon]) => [round6(lon), round6(lat)]);
    ring.push(ring[0]);
    return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  }

  /**
   * The time window typed, as start and end epoch millis (0: now, 0: until removed); throws an
   * Error naming the field for a value that is not a number of minutes.
   */
  window(now) {
    const minutes = (id, label) => {
      const text = $(id).value.trim();
      if (text === '') return null;
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0 || v > 525600) {
        throw new Error(label + ': "' + text.slice(0, 20) + '" is not a number of minutes from 0 to 525,600');
      }
      return v;
    };
    const startIn = minutes('road-start-in', 'Starts in');
    const lasts = minutes('road-lasts', 'Lasts');
    if (lasts === 0) throw new Error('Lasts: 0 minutes would end as it starts (leave it empty for "until removed")');
    const start = startIn ? now + Math.round(startIn * 60000) : 0;
    const end = lasts ? (start || now) + Math.round(lasts * 60000) : 0;
    return { start_epoch_millis: start, end_epoch_millis: end };
  }

  /** The drawn shape as a RoadClosure message: area, circle or the road between two points. */
  closure(id, now = Date.now()) {
    const c = { id, reason: $('road-reason').value.trim(), ...this.window(now) };
    if (this.shapeKind === 'circle') {
      const radius = this.radiusMetres();
      if (!(radius >= 1 && radius <= 100000)) {
        throw new Error('Radius: "' + $('road-radius').value.slice(0, 20) + '" is not a number of metres from 1 to 100,000');
      }
      c.circle = { centre: { lat_deg: round6(this.points[0][0]), lon_deg: round6(this.points[0][1]) }, radius_metres: radius };
    } else if (this.shapeKind === 'road') {
      const [a, b] = this.points;
      c.road = { from: { lat_deg: round6(a[0]), lon_deg: round6(a[1]) }, to: { lat_deg: round6(b[0]), lon_deg: round6(b[1]) } };
    } else {
      c.area_geojson = this.areaGeojson();
    }
    return c;
  }

  /** The drawn area (or circle) as a RoadSlowdown message with the typed speed factor. */
  slowdown(id, now = Date.now()) {
    const text = $('road-factor').value.trim();
    const factor = Number(text);
    if (text === '' || !(factor >= 0.05 && factor <= 1)) {
      throw new Error('Speed factor: "' + text.slice(0, 20) + '" is not a number from 0.05 to 1 (0.5 is half speed)');
    }
    if (this.shapeKind === 'circle' && !(this.radiusMetres() >= 1 && this.radiusMetres() <= 100000)) {
      throw new Error('Radius: "' + $('road-radius').value.slice(0, 20) + '" is not a number of metres from 1 to 100,000');
    }
    return { id, reason: $('road-reason').value.trim(), area_geojson: this.areaGeojson(), speed_factor: factor,
      ...this.window(now) };
  }

  async closeNow() {
    $('road-error').textContent = '';
    let closure;
    try {
      closure = this.closure('CL-' + Date.now().toString(36).toUpperCase());
    } catch (e) {
      $('road-error').textContent = 'Close now: ' + e.message;
      return;
    }
    this.lastClosure = closure;
    try {
      const c = await this.client.unary('Roads/AddClosure', closure);
      this.cancel('Closed ' + closure.id + ': ' + c.edge_count + ' road sections'
        + (c.in_force ? '.' : ' (not in force yet: it starts later).'));
      this.clearInputs();
      this.setStatus('Closure ' + closure.id + (c.in_force ? ' in force' : ' added'));
      await this.refresh();
      await this.rerank('after closing ' + closure.id, []);
      this.bringIntoView(closure.id);
    } catch (e) {
      $('road-error').textContent = 'Close now: ' + describe(e);
    }
  }

  async slowNow() {
    $('road-error').textContent = '';
    let slowdown;
    try {
      slowdown = this.slowdown('SL-' + Date.now().toString(36).toUpperCase());
    } catch (e) {
      $('road-error').textContent = 'Slow down: ' + e.message;
      return;
    }
    this.lastSlowdown = slowdown;
    try {
      const c = await this.client.unary('Roads/AddSlowdown', slowdown);
      this.cancel('Slowed ' + slowdown.id + ' to ' + slowdown.speed_factor + ' of the speed: ' + c.edge_count
        + ' road sections' + (c.in_force ? '.' : ' (not in force yet: it starts later).'));
      this.clearInputs();
      this.setStatus('Slowdown ' + slowdown.id + (c.in_force ? ' in force' : ' added'));
      await this.refresh();
      await this.rerank('after slowing ' + slowdown.id, []);
      this.bringIntoView(slowdown.id);
    } catch (e) {
      $('road-error').textContent = 'Slow down: ' + describe(e);
    }
  }

  clearInputs() {
    $('road-reason').value = '';
    $('road-start-in').value = '';
    $('road-lasts').value = '';
  }

  /** Widens the map's view, if needed, so that the condition's shape is seen beside the ranking. */
  bringIntoView(id) {
    this.fitInView(this.shapes && this.shapes.get(id));
  }

  fitInView(shape) {
    if (!shape || !shape.getBounds) return;
    // not animated, and any running animation stopped first: during a pan getBounds() is the view
    // of the moment, not the destination, so the what-if area judged "in view" ended at the lower edge
    this.map.stop();
    const view = this.map.getBounds();
    if (!view.contains(shape.getBounds())) {
      this.map.fitBounds(view.extend(shape.getBounds()), { padding: [30, 30], maxZoom: 17, animate: false });
    }
  }

  async whatIf() {
    if (!this.desk || !this.desk.current) return;
    $('road-error').textContent = '';
    let closure;
    try {
      closure = this.closure('WHAT-IF');
    } catch (e) {
      $('road-error').textContent = 'What if: ' + e.message;
      return;
    }
    this.lastClosure = closure;
    try {
      const noun = SHAPES[this.shapeKind].noun;
      await this.rerank('if the drawn ' + noun + ' were closed (not in force: nothing changed in the service)', [closure]);
      this.say('What-if ranking shown (dashed red ' + noun + '). "Close now" to put it in force, or Cancel.');
      this.draftLayer.clearLayers();
      const area = (this.shapeKind === 'circle' ? L.circle(this.points[0], { ...WHAT_IF, radius: this.radiusMetres() })
        : this.shapeKind === 'road' ? L.polyline(this.points, WHAT_IF) : L.polygon(this.points, WHAT_IF))
        .bindTooltip('What if closed', { permanent: true, direction: 'top', className: 'closure-label' })
        .addTo(this.draftLayer);
      this.fitInView(area);
    } catch (e) {
      $('road-error').textContent = 'What if: ' + describe(e);
    }
  }

  async remove(id, button) {
    button.disabled = true;
    try {
      await this.client.unary('Roads/RemoveCondition', { id });
      this.setStatus('Condition ' + id + ' removed');
      await this.refresh();
      await this.rerank('after removing ' + id, []);
    } catch (e) {
      button.disabled = false;
      $('road-error').textContent = 'Remove ' + id + ': ' + describe(e);
    }
  }

  async rerank(why, whatIf) {
    if (this.desk && this.desk.current) await this.desk.rerank(why, whatIf);
    this.updateControls();
  }

  /** ListConditions: draws and lists the closures and slowdowns. */
  async refresh() {
    try {
      const list = await this.client.unary('Roads/ListConditions', {});
      this.conditions = list.conditions;
      if (list.version === this.version) return;
      this.version = list.version;
      this.render(list);
    } catch (e) {
      $('road-error').textContent = 'Road conditions: ' + describe(e);
    }
  }

  render(list) {
    this.layer.clearLayers();
    this.shapes = new Map();
    const items = [];
    for (const c of list.conditions) {
      const x = c.closure || c.slowdown;
      const kind = c.closure ? 'Closure' : 'Slowdown';
      const label = kind + ' ' + x.id + (x.reason ? ': ' + x.reason : '');
      const shape = this.shape(c);
      if (shape) this.shapes.set(x.id, shape);
      if (shape) shape.bindTooltip(escapeHtml(label), { permanent: true, direction: 'top', className: 'closure-label' })
        .addTo(this.layer);
      const what = c.closure ? (c.closure.area_geojson ? 'area' : c.closure.circle
        ? 'circle of ' + Math.round(c.closure.circle.radius_metres) + ' m' : 'road between two points')
        : 'speed × ' + c.slowdown.speed_factor;
      items.push('<li data-condition="' + escapeHtml(x.id) + '" class="' + (c.closure ? 'closure' : 'slowdown') + '"><span><b>'
        + escapeHtml(kind + ' ' + x.id) + '</b> '
        + escapeHtml(x.reason || '(no reason given)') + ' · ' + what + ', ' + c.edge_count + ' road sections'
        + windowText(x) + (c.in_force ? '' : ' · not in force now') + (shape ? '' : ' · not drawn on the map') + '</span>'
        + '<button type="button" class="secondary remove" data-id="' + escapeHtml(x.id) + '" aria-label="Remove '
        + escapeHtml(kind.toLowerCase() + ' ' + x.id) + '">Remove</button></li>');
    }
    const ul = $('road-list');
    ul.innerHTML = items.join('') || '<li class="empty">No road closed or slowed.</li>';
    ul.querySelectorAll('button.remove').forEach((b) => b.addEventListener('click', () => this.remove(b.dataset.id, b)));
    $('road-traffic').textContent = list.typical_traffic ? 'Typical traffic now: ' + list.typical_traffic + '.' : '';
  }

  shape(c) {
    const style = c.closure ? CLOSED : SLOWED;
    const x = c.closure || c.slowdown;
    if (x.area_geojson) {
      try {
        const g = JSON.parse(x.area_geojson);
        const polys = g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates];
        return L.polygon(polys.map((p) => p.map((ring) => ring.map(([lon, lat]) => [lat, lon]))), style);
      } catch (e) {
        return null;
      }
    }
    if (c.closure && c.closure.circle && c.closure.circle.centre) {
      const ctr = c.closure.circle.centre;
      return L.circle([ctr.lat_deg, ctr.lon_deg], { ...style, radius: c.closure.circle.radius_metres });
    }
    if (c.closure && c.closure.road && c.closure.road.from && c.closure.road.to) {
      // the closed road is the route between its ends, which the answer does not carry: its two
      // ends are drawn, joined by a thin dotted line that says which ends belong together
      const { from, to } = c.closure.road;
      const ends = [[from.lat_deg, from.lon_deg], [to.lat_deg, to.lon_deg]];
      return L.featureGroup([
        L.polyline(ends, { color: '#b00020', weight: 2, dashArray: '2 6', interactive: false }),
        ...ends.map((p) => L.circleMarker(p, { radius: 7, color: '#b00020', weight: 3, fillColor: '#ffffff', fillOpacity: 1,
          interactive: false })),
      ]);
    }
    return null;
  }
}

/** The condition's time window in words, or '' when it runs from its addition until removed. */
function windowText(x) {
  const at = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const start = Number(x.start_epoch_millis || 0);
  const end = Number(x.end_epoch_millis || 0);
  if (!start && !end) return '';
  return ' · ' + (start ? 'from ' + at(start) : 'from now') + (end ? ' to ' + at(end) : ' until removed');
}

/** 64 corners on a circle (centre [lat, lon], radius in metres) on a sphere of 6,371,008.8 m. */
function circleCorners(centre, radiusMetres) {
  const R = 6371008.8;
  const lat1 = centre[0] * Math.PI / 180;
  const lon1 = centre[1] * Math.PI / 180;
  const d = radiusMetres / R;
  const out = [];
  for (let k = 0; k < 64; k++) {
    const b = 2 * Math.PI * k / 64;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
    const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    out.push([lat2 * 180 / Math.PI, lon2 * 180 / Math.PI]);
  }
  return out;
}

function round6(v) {
  return Math.round(v * 1e6) / 1e6;
}

/** A red diagonal hatch in the map's SVG, for closed areas (fill: url(#closure-hatch)). */
function addHatchPattern(map) {
  const probe = L.polygon([[0, 0], [0, 0], [0, 0]], { interactive: false }).addTo(map);
  const svg = map.getPanes().overlayPane.querySelector('svg');
  probe.remove();
  if (!svg || svg.querySelector('#closure-hatch')) return;
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', 'closure-hatch');
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '10');
  pattern.setAttribute('height', '10');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '10');
  bg.setAttribute('height', '10');
  bg.setAttribute('fill', 'rgba(176,0,32,0.10)');
  const line = document.createElementNS(ns, 'rect');
  line.setAttribute('width', '3');
  line.setAttribute('height', '10');
  line.setAttribute('fill', 'rgba(176,0,32,0.55)');
  pattern.append(bg, line);
  defs.appendChild(pattern);
  svg.insertBefore(defs, svg.firstChild);
}
