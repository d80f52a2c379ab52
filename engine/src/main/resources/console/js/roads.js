// Road closures: draw a polygon on the map (click corners, double-click or Finish; Escape cancels;
// "Add map centre" for the keyboard), then close the roads in it now (Roads.AddClosure) or ask
// "what if" (the current incident re-ranked with the polygon as a what_if_closure, the service
// unchanged). Closures in force are drawn red and hatched with their id and reason, listed with a
// Remove button (Roads.RemoveCondition); after each change the shown incident is ranked again.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { describe, escapeHtml } from './util.js';

const $ = (id) => document.getElementById(id);
const CLOSED = { color: '#b00020', weight: 3, fillColor: 'url(#closure-hatch)', fillOpacity: 1, interactive: false };
const WHAT_IF = { color: '#b00020', weight: 3, dashArray: '8 6', fillColor: '#b00020', fillOpacity: 0.12, interactive: false };
const DRAFT = { color: '#e69f00', weight: 3, dashArray: '4 4', fillColor: '#e69f00', fillOpacity: 0.15, interactive: false };

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
    this.points = [];
    this.finished = false;
    this.map.doubleClickZoom.disable();
    $('map').classList.add('drawing');
    $('road-error').textContent = '';
    this.say('Click the corners of the area to close on the map (or pan with the arrow keys and use "Add map centre"); '
      + 'double-click or "Finish shape" when done; Escape cancels.');
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
    this.say(this.points.length + ' corner' + (this.points.length === 1 ? '' : 's') + ' placed'
      + (this.points.length < 3 ? ' (at least 3 needed)' : '; double-click or "Finish shape" when done') + '.');
    this.redrawDraft();
    this.updateControls();
  }

  finish() {
    if (!this.drawing) return;
    if (this.points.length < 3) {
      $('road-error').textContent = 'An area needs at least 3 corners (' + this.points.length + ' placed).';
      return;
    }
    this.finished = true;
    this.map.doubleClickZoom.enable();
    $('map').classList.remove('drawing');
    this.say('Area of ' + this.points.length + ' corners drawn. Give a reason, then "Close now" or "What if".');
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
    $('road-finish').hidden = !drawing;
    $('road-finish').disabled = !drawing || this.points.length < 3;
    $('road-cancel').hidden = this.points === null;
    $('road-ready').hidden = !ready;
    $('road-what-if').disabled = !(this.desk && this.desk.current);
    $('road-what-if').title = this.desk && this.desk.current ? '' : 'Rank an incident first';
  }

  redrawDraft() {
    this.draftLayer.clearLayers();
    if (!this.points) return;
    if (this.points.length >= 3) L.polygon(this.points, DRAFT).addTo(this.draftLayer);
    else if (this.points.length === 2) L.polyline(this.points, DRAFT).addTo(this.draftLayer);
    this.points.forEach((p) => L.circleMarker(p, { radius: 5, color: '#000', weight: 2, fillColor: '#e69f00', fillOpacity: 1,
      interactive: false }).addTo(this.draftLayer));
  }

  /** The drawn area as a RoadClosure message (GeoJSON corners are [lon, lat], the ring closed). */
  closure(id) {
    const ring = this.points.map(([lat, lon]) => [round6(lon), round6(lat)]);
    ring.push(ring[0]);
    return { id, reason: $('road-reason').value.trim(), area_geojson: JSON.stringify({ type: 'Polygon', coordinates: [ring] }) };
  }

  async closeNow() {
    const closure = this.closure('CL-' + Date.now().toString(36).toUpperCase());
    this.lastClosure = closure;
    $('road-error').textContent = '';
    try {
      const c = await this.client.unary('Roads/AddClosure', closure);
      this.cancel('Closed ' + closure.id + ': ' + c.edge_count + ' road sections.');
      $('road-reason').value = '';
      this.setStatus('Closure ' + closure.id + ' in force');
      await this.refresh();
      await this.rerank('after closing ' + closure.id, []);
      this.bringIntoView(closure.id);
    } catch (e) {
      $('road-error').textContent = 'Close now: ' + describe(e);
    }
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
    const closure = this.closure('WHAT-IF');
    this.lastClosure = closure;
    $('road-error').textContent = '';
    try {
      await this.rerank('if the drawn area were closed (not in force: nothing changed in the service)', [closure]);
      this.say('What-if ranking shown (dashed red area). "Close now" to put it in force, or Cancel.');
      this.draftLayer.clearLayers();
      const area = L.polygon(this.points, WHAT_IF).bindTooltip('What if closed', { permanent: true, direction: 'top',
        className: 'closure-label' }).addTo(this.draftLayer);
      this.fitInView(area);
    } catch (e) {
      $('road-error').textContent = 'What if: ' + describe(e);
    }
  }

  async remove(id, button) {
    button.disabled = true;
    try {
      await this.client.unary('Roads/RemoveCondition', { id });
      this.setStatus('Closure ' + id + ' removed');
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
      const what = c.closure ? (c.closure.area_geojson ? 'area' : c.closure.circle ? 'circle' : 'road')
        : 'speed × ' + c.slowdown.speed_factor;
      items.push('<li data-condition="' + escapeHtml(x.id) + '"><span><b>' + escapeHtml(kind + ' ' + x.id) + '</b> '
        + escapeHtml(x.reason || '(no reason given)') + ' · ' + what + ', ' + c.edge_count + ' road sections'
        + (c.in_force ? '' : ' · not in force now') + (shape ? '' : ' · not drawn on the map') + '</span>'
        + '<button type="button" class="secondary remove" data-id="' + escapeHtml(x.id) + '" aria-label="Remove '
        + escapeHtml(kind.toLowerCase() + ' ' + x.id) + '">Remove</button></li>');
    }
    const ul = $('road-list');
    ul.innerHTML = items.join('') || '<li class="empty">No road closed.</li>';
    ul.querySelectorAll('button.remove').forEach((b) => b.addEventListener('click', () => this.remove(b.dataset.id, b)));
    $('road-traffic').textContent = list.typical_traffic ? 'Typical traffic now: ' + list.typical_traffic + '.' : '';
  }

  shape(c) {
    const style = c.closure ? CLOSED : { ...CLOSED, color: '#e69f00', fillColor: '#e69f00', fillOpacity: 0.15 };
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
    if (c.closure && c.closure.circle && c.closure.circle.center) {
      const ctr = c.closure.circle.center;
      return L.circle([ctr.lat_deg, ctr.lon_deg], { ...style, radius: c.closure.circle.radius_metres });
    }
    // a road between two points is the route between them, which the answer does not carry: listed only
    return null;
  }
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
