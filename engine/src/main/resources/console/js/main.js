// The Bluelamp console: session and token, the map with the engine's own basemap, the live fleet,
// incidents with their ranked units and routes, assignment.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { connect } from './grpcweb.js';
import { Fleet } from './fleet.js';
import { FleetWireReader } from './fleetwire.js';
import { FleetLayer, ageText } from './fleetlayer.js';
import { STATUS_GROUPS, KINDS, drawSymbol, statusName } from './symbols.js';
import { IncidentDesk } from './incidents.js';
import { RoadDesk } from './roads.js';
import { CoverageDesk, GAP_STYLE } from './coverage.js';
import { PlannerDesk } from './planner.js';
import { describe, escapeHtml } from './util.js';

const TOKEN_KEY = 'bluelamp.token';
const $ = (id) => document.getElementById(id);

/** Frame timings and counters the browser tests read (window.bluelampStats). */
const stats = {
  updates: 0, changes: 0, frameMillis: [], decodeMillis: [], applyMillis: [], drawMillis: [], messagesPerFrame: [],
  maxFrameMillis: 0,
  firstUnitsAt: 0, startedAt: performance.now(),
};
window.bluelampStats = stats;

function record(list, millis) {
  list.push(millis);
  if (list.length > 600) list.shift();
}

function setStatus(text) {
  $('status').textContent = text;
}

async function session() {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const res = await fetch('/console/session', { headers: token ? { authorization: 'Bearer ' + token } : {} });
    if (res.ok) return res.json();
    const body = await res.json().catch(() => ({}));
    if (res.status !== 401) throw new Error('session: HTTP ' + res.status);
    await askToken(token ? 'That token was refused: ' + (body.error || 'unknown token') : '');
  }
}

function askToken(error) {
  return new Promise((resolve) => {
    const dialog = $('token-dialog');
    $('token-error').textContent = error;
    setStatus('Waiting for an access token');
    $('token-form').onsubmit = () => {
      sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
      $('token-input').value = '';
      resolve();
    };
    dialog.showModal();
    $('token-input').focus();
  });
}

async function main() {
  const s = await session();
  $('who').textContent = (s.tokenRequired ? 'signed in as ' : 'no --auth: acting as ') + s.role;
  const client = await connect(() => sessionStorage.getItem(TOKEN_KEY));
  const map = L.map('map', { zoomAnimation: false, keyboard: true, minZoom: 3, maxZoom: 19 });
  L.tileLayer('/tiles/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL), '
      + 'drawn by Bluelamp from ' + escapeHtml(s.map.extract),
  }).addTo(map);
  map.fitBounds([[s.map.south, s.map.west], [s.map.north, s.map.east]]);
  // Leaflet measures its container only on window resizes: a status line that wraps changes the
  // map's height too, and a stale size puts what fitBounds "brings into view" under the lower edge
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe($('map'));
  drawLegend(s.may.includes('coverage'));

  const planner = s.may.includes('plan') ? new PlannerDesk(client, map, s, setStatus) : null;
  window.bluelampPlanner = planner;
  if (!s.may.includes('fleet')) {
    setStatus('Signed in as ' + s.role + ': this role may not see the fleet or rank units (a console token may); '
      + (planner ? 'the scenario report only.' : 'the map only.'));
    $('legend').hidden = true;
    return;
  }
  const fleet = new Fleet(client.enumNames('UnitStatus'), client.enumNames('UnitKind'));
  const layer = new FleetLayer(map, fleet);
  const view = new FleetView(client, map, fleet, layer, s);
  const desk = s.may.includes('recommend') ? new IncidentDesk(client, map, fleet, s, setStatus) : null;
  view.onChange = () => desk && desk.fleetChanged();
  const roads = s.may.includes('roads') ? new RoadDesk(client, map, desk, setStatus) : null;
  const coverage = s.may.includes('coverage') ? new CoverageDesk(client, map, setStatus) : null;
  if (desk && coverage) desk.onAssigned = () => coverage.soon();
  if (roads && desk) desk.onRanked = () => roads.updateControls();
  if (roads) roads.refresh();

  map.on('click', (e) => {
    if (planner && planner.pick) return; // the planner's what-if takes this click
    if (roads && roads.drawing) {
      roads.addPoint(e.latlng.lat, e.latlng.lng);
      return;
    }
    const slot = layer.hit(e.containerPoint.x, e.containerPoint.y);
    if (slot >= 0) {
      view.select(slot);
    } else if (desk) {
      desk.placeAt(e.latlng.lat, e.latlng.lng);
    }
  });
  // for the browser tests and the browser's developer tools
  window.bluelampConsole = { client, fleet, map, layer, view, desk, roads, coverage, L };
  view.watch();
}

/** The fleet panel, filters, the selected unit and its track, and the WatchFleet stream. */
class FleetView {
  constructor(client, map, fleet, layer, s) {
    this.client = client;
    this.map = map;
    this.fleet = fleet;
    this.layer = layer;
    this.maxAgeSeconds = s.alwaysStaleAfterSeconds;
    this.shownGroups = new Set(STATUS_GROUPS.map((g, i) => i));
    this.capability = '';
    this.track = null;
    this.onChange = () => {};
    $('fleet-panel').hidden = false;
    const filter = $('status-filter');
    STATUS_GROUPS.forEach((g, i) => {
      const label = document.createElement('label');
      label.innerHTML = '<input type="checkbox" checked> <span class="swatch" style="background:' + g.colour
        + '"></span>' + g.label;
      label.querySelector('input').addEventListener('change', (e) => {
        if (e.target.checked) this.shownGroups.add(i); else this.shownGroups.delete(i);
        this.refresh();
      });
      filter.appendChild(label);
    });
    for (const c of s.capabilities) {
      const o = document.createElement('option');
      o.value = c;
      o.textContent = c.replaceAll('_', ' ');
      $('cap-filter').appendChild(o);
    }
    $('cap-filter').addEventListener('change', (e) => { this.capability = e.target.value; this.refresh(); });
    layer.visible = (i) => this.visible(i);
    this.reader = new FleetWireReader(fleet);
    this.pendingDecode = 0;
    this.pendingApply = 0;
    this.pendingUpdates = 0;
    // one update frame: the stream messages applied since the last redraw, and the redraw
    layer.onDrawn = (drawMillis) => {
      if (this.pendingUpdates === 0) return;
      const frame = this.pendingDecode + this.pendingApply + drawMillis;
      record(stats.frameMillis, frame);
      record(stats.decodeMillis, this.pendingDecode);
      record(stats.applyMillis, this.pendingApply);
      record(stats.drawMillis, drawMillis);
      record(stats.messagesPerFrame, this.pendingUpdates);
      stats.maxFrameMillis = Math.max(stats.maxFrameMillis, frame);
      this.pendingDecode = 0;
      this.pendingApply = 0;
      this.pendingUpdates = 0;
    };
    setInterval(() => this.refresh(), 1000);
  }

  visible(i) {
    const f = this.fleet;
    if (!this.shownGroups.has(f.group[i])) return false;
    return !this.capability || (f.capabilities[i] || []).includes(this.capability);
  }

  async watch() {
    let delay = 1000;
    for (;;) {
      try {
        setStatus('Connecting to the fleet…');
        const request = { include_snapshot: true, min_interval_millis: 250 };
        await this.client.call('Fleet/WatchFleet', request, (bytes) => {
          // read into the typed arrays straight from the wire (decode and apply in one pass); the
          // canvas is redrawn once at the next animation frame, however many messages arrive
          // before it (their reading is counted in that frame)
          const t0 = performance.now();
          const u = this.reader.apply(bytes);
          this.lastBytes = bytes; // for the browser tests: the reader checked against protobufjs
          const decodeMillis = performance.now() - t0;
          if (u.fullSnapshot) setStatus('Live: ' + u.changes + ' units');
          const n = u.changes;
          this.markStale();
          const applied = performance.now() - t0 - decodeMillis;
          this.pendingDecode += decodeMillis;
          this.pendingApply += applied;
          this.pendingUpdates++;
          stats.updates++;
          stats.changes += n;
          this.layer.requestDraw();
          if (!stats.firstUnitsAt && this.fleet.count > 0) stats.firstUnitsAt = performance.now() - stats.startedAt;
          if (n > 0) this.dirtyList = true;
          delay = 1000;
        }, undefined, 'bytes');
        setStatus('The fleet stream ended; reconnecting');
      } catch (e) {
        setStatus('Fleet stream: ' + describe(e) + '; retrying in ' + Math.round(delay / 1000) + ' s');
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  markStale() {
    const f = this.fleet;
    const now = Date.now();
    for (let i = 0; i < f.count; i++) {
      if (f.hasFix[i] && f.fixAgeAt(i, now) > this.maxAgeSeconds) f.stale[i] = 1;
    }
  }

  refresh() {
    this.markStale();
    this.layer.requestDraw();
    this.renderList();
    this.renderDetail();
    this.onChange();
  }

  renderList() {
    const f = this.fleet;
    const now = Date.now();
    const rows = [];
    let shown = 0;
    for (let i = 0; i < f.count; i++) if (this.visible(i)) shown++;
    $('fleet-count').textContent = '(' + shown + ' of ' + f.count + ' shown)';
    const order = [];
    for (let i = 0; i < f.count && order.length < 200; i++) if (this.visible(i)) order.push(i);
    order.sort((a, b) => f.callsign[a].localeCompare(f.callsign[b]));
    for (const i of order) {
      const g = STATUS_GROUPS[f.group[i]];
      const age = f.fixAgeAt(i, now);
      rows.push('<li><button type="button" data-slot="' + i + '" aria-label="' + escapeHtml(f.callsign[i]) + ', '
        + statusName(f.status[i]) + ', ' + KINDS[f.kind[i]].label + ', fix ' + ageText(age) + ' old'
        + (f.stale[i] ? ', stale' : '') + '"><span class="swatch" style="background:' + g.colour + '"></span><b>'
        + escapeHtml(f.callsign[i]) + '</b> ' + g.letter + ' ' + statusName(f.status[i]) + ' · '
        + KINDS[f.kind[i]].label.toLowerCase() + ' · <span class="' + (f.stale[i] ? 'stale' : '') + '">'
        + (f.stale[i] ? 'STALE ' : '') + ageText(age) + '</span>'
        + (f.assignedIncident[i] ? ' · ' + escapeHtml(f.assignedIncident[i]) : '') + '</button></li>');
    }
    const list = $('unit-list');
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.slot : null;
    list.innerHTML = rows.join('');
    list.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => this.select(Number(b.dataset.slot))));
    if (focused !== null && focused !== undefined) {
      const again = list.querySelector('button[data-slot="' + focused + '"]');
      if (again) again.focus();
    }
  }

  async select(slot) {
    const f = this.fleet;
    this.layer.selected = slot;
    this.layer.requestDraw();
    this.renderDetail();
    if (this.track) this.track.remove();
    try {
      const t = await this.client.unary('Fleet/GetTrack',
        { unit_id: f.ids[slot], from_epoch_millis: Date.now() - 15 * 60 * 1000, to_epoch_millis: 0 });
      if (this.layer.selected !== slot) return;
      const pts = t.points.map((p) => [p.position.lat_deg, p.position.lon_deg]);
      this.track = L.polyline(pts, { color: '#000000', weight: 3, opacity: 0.6, dashArray: '2 6', interactive: false })
        .addTo(this.map);
      this.trackPoints = pts.length;
      this.renderDetail();
    } catch (e) {
      $('unit-detail').textContent = 'Track of ' + f.callsign[slot] + ': ' + describe(e);
    }
  }

  renderDetail() {
    const i = this.layer.selected;
    if (i < 0) return;
    const f = this.fleet;
    const age = f.fixAgeAt(i, Date.now());
    $('unit-detail').innerHTML = '<b>' + escapeHtml(f.callsign[i]) + '</b> (' + escapeHtml(f.ids[i]) + '), '
      + KINDS[f.kind[i]].label.toLowerCase() + ', ' + statusName(f.status[i])
      + (f.grade[i] ? ' (grade ' + escapeHtml(f.grade[i]) + ')' : '')
      + (f.assignedIncident[i] ? ' on ' + escapeHtml(f.assignedIncident[i]) : '')
      + '<br>fix ' + ageText(age) + ' old' + (f.stale[i] ? ' <span class="stale">(STALE)</span>' : '')
      + '; capabilities: ' + escapeHtml((f.capabilities[i] || []).join(', ') || 'none')
      + (this.trackPoints !== undefined ? '<br>track: last 15 min, ' + this.trackPoints + ' fixes (dotted line)' : '');
  }
}

function drawLegend(withCoverage) {
  const body = $('legend-body');
  const items = [];
  STATUS_GROUPS.forEach((g, gi) => items.push(symbolItem(0, gi, false, g.label + ' (' + g.letter + ')')));
  KINDS.forEach((k, ki) => items.push(symbolItem(ki, 0, false, k.label)));
  items.push(symbolItem(0, 0, true, 'Stale position (age shown)'));
  if (withCoverage) {
    const gap = document.createElement('span');
    gap.className = 'item';
    gap.id = 'legend-gaps';
    const sw = document.createElement('span');
    sw.className = 'gap-swatch';
    sw.style.background = GAP_STYLE.color;
    sw.style.opacity = String(GAP_STYLE.opacity);
    sw.setAttribute('aria-hidden', 'true');
    gap.append(sw, document.createTextNode('Coverage gap (when shown)'));
    items.push(gap);
  }
  body.replaceChildren(...items);
}

function symbolItem(kind, group, stale, text) {
  const span = document.createElement('span');
  span.className = 'item';
  const c = document.createElement('canvas');
  c.width = 24;
  c.height = 24;
  c.setAttribute('aria-hidden', 'true');
  drawSymbol(c.getContext('2d'), kind, group, 12, 12, 8, stale, false);
  span.append(c, document.createTextNode(text));
  return span;
}

main().catch((e) => {
  setStatus('The console could not start: ' + describe(e));
  console.error(e);
});
