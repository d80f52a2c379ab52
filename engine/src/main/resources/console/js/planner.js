// The planner's scenario report: the baseline the service lets a planner see (its stations and the
// live fleet as planned units: Planning/GetPlanningBaseline), one what-if built on the page (close a
// station, move, add or remove units, close roads in a circle drawn on the map, change the busy
// fraction), both evaluated by Planning/EvaluateCoverage with include_bands, figures side by side
// per grade and per beat, and the response-time bands drawn on the map with a legend.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { describe, escapeHtml } from './util.js';

const $ = (id) => document.getElementById(id);

/** Band colours: the coverage command's (green fast to red slow, grey for never reached). */
export const BAND_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027', '#8c8c8c'];

export class PlannerDesk {
  constructor(client, map, s, setStatus) {
    this.client = client;
    this.map = map;
    this.setStatus = setStatus;
    this.baseline = null;
    this.changes = [];
    this.report = null;
    this.shown = 'baseline';
    this.pick = null; // what the next map click adds: 'add' or 'close'
    this.runs = 0;
    map.createPane('plan-bands').style.zIndex = 340;
    this.bandLayer = L.layerGroup().addTo(map);
    this.stationLayer = L.layerGroup().addTo(map);
    this.changeLayer = L.layerGroup().addTo(map);
    $('plan-panel').hidden = false;
    const grade = $('plan-grade');
    for (const g of s.grades) {
      const o = document.createElement('option');
      o.value = g.code;
      o.textContent = g.code + ' ' + g.name;
      grade.appendChild(o);
    }
    $('plan-reload').addEventListener('click', () => this.load());
    $('plan-add-change').addEventListener('click', () => this.addChange());
    $('plan-change-kind').addEventListener('change', () => this.showChangeFields());
    $('plan-run').addEventListener('click', () => this.run());
    $('plan-cancel-pick').addEventListener('click', () => this.cancelPick());
    for (const r of document.querySelectorAll('input[name="plan-show"]')) {
      r.addEventListener('change', () => { this.shown = r.value; this.drawBands(); });
    }
    map.on('click', (e) => this.clicked(e.latlng));
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.cancelPick(); });
    this.showChangeFields();
    this.load();
  }

  async load() {
    try {
      const b = await this.client.unary('Planning/GetPlanningBaseline', {});
      this.baseline = b;
      const d = b.deployment;
      $('plan-baseline').textContent = d.stations.length + ' station' + (d.stations.length === 1 ? '' : 's') + ' and '
        + d.units.length + ' unit' + (d.units.length === 1 ? '' : 's') + ' of the live fleet (read '
        + new Date(b.read_at_epoch_millis).toLocaleTimeString() + ')'
        + (b.units_without_position ? '; ' + b.units_without_position + ' without a recent position left out' : '');
      this.fillSelects();
      this.drawStations();
      $('plan-error').textContent = '';
    } catch (e) {
      $('plan-error').textContent = 'Baseline: ' + describe(e);
    }
  }

  fillSelects() {
    const d = this.baseline.deployment;
    const fill = (id, items, first) => {
      const sel = $(id);
      sel.replaceChildren();
      if (first) sel.appendChild(new Option(first[1], first[0]));
      for (const [value, text] of items) sel.appendChild(new Option(text, value));
    };
    const stations = d.stations.map((s) => [s.id, s.name || s.id]);
    fill('plan-station', stations);
    fill('plan-station-to', stations, ['', 'nowhere (its units leave)']);
    fill('plan-move-to', stations);
    fill('plan-unit', d.units.map((u) => [u.id, u.id + (u.station ? ' (' + u.station + ')' : '')]));
  }

  drawStations() {
    this.stationLayer.clearLayers();
    const closed = new Set(this.changes.filter((c) => c.close_station).map((c) => c.close_station.station_id));
    for (const s of this.baseline.deployment.stations) {
      const shut = closed.has(s.id);
      L.circleMarker([s.position.lat_deg, s.position.lon_deg], {
        radius: 8, color: '#000000', weight: 2, fillColor: shut ? '#ffffff' : '#0072B2', fillOpacity: 1,
        dashArray: shut ? '3 3' : null,
      }).bindTooltip((s.name || s.id) + (shut ? ' (closed in the what-if)' : ''), { permanent: false })
        .addTo(this.stationLayer);
    }
  }

  showChangeFields() {
    const kind = $('plan-change-kind').value;
    for (const row of document.querySelectorAll('[data-plan-for]')) {
      row.hidden = !row.dataset.planFor.split(' ').includes(kind);
    }
  }

  /** Adds the change chosen in the form to the what-if (or waits for a map click for add and close roads). */
  addChange() {
    $('plan-error').textContent = '';
    if (!this.baseline) return;
    const kind = $('plan-change-kind').value;
    if (kind === 'close_station') {
      const id = $('plan-station').value;
      const to = $('plan-station-to').value;
      this.push({ close_station: { station_id: id, move_units_to: to } },
        'Close station ' + id + (to ? ', its units to ' + to : ', its units leave'));
    } else if (kind === 'remove_unit') {
      const id = $('plan-unit').value;
      this.push({ remove_unit: id }, 'Remove unit ' + id);
    } else if (kind === 'move_unit') {
      const id = $('plan-unit').value;
      const to = $('plan-move-to').value;
      this.push({ move_unit: { unit_id: id, to_station: to } }, 'Move unit ' + id + ' to ' + to);
    } else if (kind === 'busy_fraction') {
      const text = $('plan-busy').value.trim();
      const q = Number(text);
      if (text === '' || !Number.isFinite(q) || q < 0 || q >= 1) {
        $('plan-error').textContent = 'Busy fraction: give a number from 0 to below 1, got "' + text.slice(0, 40) + '"';
        return;
      }
      this.push({ busy_fraction: q }, 'Busy fraction ' + q);
    } else if (kind === 'add_unit' || kind === 'close_roads') {
      if (kind === 'close_roads') {
        const r = this.radius();
        if (r === null) return;
      }
      this.pick = kind;
      $('plan-cancel-pick').hidden = false;
      $('plan-pick-help').textContent = kind === 'add_unit'
        ? 'Click the map where the new car waits (Escape cancels).'
        : 'Click the map at the centre of the roads to close (Escape cancels).';
    }
  }

  radius() {
    const text = $('plan-radius').value.trim();
    const r = Number(text);
    if (text === '' || !Number.isFinite(r) || r <= 0 || r > 100000) {
      $('plan-error').textContent = 'Radius: give metres from 1 to 100,000, got "' + text.slice(0, 40) + '"';
      return null;
    }
    return r;
  }

  cancelPick() {
    this.pick = null;
    $('plan-cancel-pick').hidden = true;
    $('plan-pick-help').textContent = '';
  }

  clicked(latlng) {
    if (!this.pick) return;
    const at = { lat_deg: round6(latlng.lat), lon_deg: round6(latlng.lng) };
    if (this.pick === 'add_unit') {
      const id = 'what-if-car-' + (this.changes.filter((c) => c.add_unit).length + 1);
      this.push({ add_unit: { id, kind: 'UNIT_KIND_CAR', status: 'UNIT_STATUS_AVAILABLE', position: at } },
        'Add car ' + id + ' at ' + at.lat_deg.toFixed(5) + ', ' + at.lon_deg.toFixed(5));
    } else {
      const r = this.radius();
      if (r === null) return;
      this.push({ close_roads: { reason: 'what-if', circle: { centre: at, radius_metres: r } } },
        'Close roads within ' + r + ' m of ' + at.lat_deg.toFixed(5) + ', ' + at.lon_deg.toFixed(5));
    }
    this.cancelPick();
  }

  push(change, text) {
    this.changes.push({ ...change, text });
    this.renderChanges();
  }

  renderChanges() {
    const list = $('plan-changes');
    list.replaceChildren();
    this.changeLayer.clearLayers();
    this.changes.forEach((c, i) => {
      const li = document.createElement('li');
      li.textContent = c.text + ' ';
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary';
      b.textContent = 'Remove';
      b.setAttribute('aria-label', 'Remove the change: ' + c.text);
      b.addEventListener('click', () => { this.changes.splice(i, 1); this.renderChanges(); });
      li.appendChild(b);
      list.appendChild(li);
      if (c.close_roads) {
        const k = c.close_roads.circle;
        L.circle([k.centre.lat_deg, k.centre.lon_deg], {
          radius: k.radius_metres, color: '#000000', weight: 2, dashArray: '6 4', fillColor: '#777777', fillOpacity: 0.15,
          interactive: false,
        }).addTo(this.changeLayer);
      }
      if (c.add_unit) {
        const p = c.add_unit.position;
        L.circleMarker([p.lat_deg, p.lon_deg], { radius: 6, color: '#000000', weight: 2, fillColor: '#009E73', fillOpacity: 1 })
          .bindTooltip(c.add_unit.id).addTo(this.changeLayer);
      }
    });
    if (this.baseline) this.drawStations();
    $('plan-run').disabled = this.changes.length === 0;
  }

  async run() {
    if (!this.baseline) return;
    $('plan-error').textContent = '';
    const changes = this.changes.map(({ text, ...c }) => c);
    const request = {
      grade: $('plan-grade').value,
      baseline: this.baseline.deployment,
      scenarios: [{ name: 'what-if', changes }],
      include_bands: true,
    };
    const q = $('plan-base-busy').value.trim();
    if (q !== '') {
      const v = Number(q);
      if (!Number.isFinite(v) || v < 0 || v >= 1) {
        $('plan-error').textContent = 'Baseline busy fraction: give a number from 0 to below 1, got "' + q.slice(0, 40) + '"';
        return;
      }
      request.baseline = { ...this.baseline.deployment, busy_fraction: v };
    }
    $('plan-run').disabled = true;
    this.setStatus('Evaluating the baseline and the what-if…');
    try {
      this.report = await this.client.unary('Planning/EvaluateCoverage', request);
      this.runs++;
      this.renderReport();
      this.drawBands();
      this.setStatus('Scenario report ready');
    } catch (e) {
      $('plan-error').textContent = 'Report: ' + describe(e);
      this.setStatus('The scenario report failed');
    } finally {
      $('plan-run').disabled = this.changes.length === 0;
    }
  }

  renderReport() {
    const base = this.report.baseline;
    const what = this.report.scenarios[0].report;
    const out = this.report.scenarios[0];
    const row = (label, a, b, fmt, key) => '<tr' + (key ? ' data-row="' + key + '"' : '') + '><th scope="row">' + label
      + '</th><td data-v="' + a + '">' + fmt(a) + '</td><td data-v="' + b + '">' + fmt(b) + '</td><td>'
      + signed(b - a, fmt) + '</td></tr>';
    const rows = [];
    rows.push(row('Demand within target', base.demand.share_within_target, what.demand.share_within_target, pct, 'demand'));
    rows.push(row('Road within target', base.road.share_within_target, what.road.share_within_target, pct, 'road'));
    if (base.demand.expected_share !== undefined && what.demand.expected_share !== undefined
      && base.demand.busy_fraction !== undefined) {
      rows.push(row('Expected (MEXCLP)', base.demand.expected_share, what.demand.expected_share, pct, 'expected'));
    }
    base.band_names.forEach((name, i) => {
      const tb = base.demand.total_weight || 1;
      const tw = what.demand.total_weight || 1;
      rows.push(row('<span class="band-swatch" style="background:' + BAND_COLOURS[i] + '"></span>' + escapeHtml(name)
        + ' (demand)', base.demand.band_weight[i] / tb, what.demand.band_weight[i] / tw, pct, 'band-' + i));
    });
    const beats = out.beats.map((bc) => row(escapeHtml(bc.name || bc.beat_id), bc.demand_share_before,
      bc.demand_share_after, pct, 'beat-' + escapeHtml(bc.beat_id))).join('');
    $('plan-report').innerHTML = '<table class="plan-table"><caption>Grade ' + escapeHtml(base.grade) + ' ('
      + escapeHtml(base.grade_name) + '): targets ' + Math.round(base.urban_target_seconds / 60) + ' min urban, '
      + Math.round(base.rural_target_seconds / 60) + ' min rural</caption><thead><tr><th></th><th scope="col">Baseline</th>'
      + '<th scope="col">What-if</th><th scope="col">Change</th></tr></thead><tbody>' + rows.join('') + '</tbody></table>'
      + (beats ? '<table class="plan-table"><caption>Demand within target per beat</caption><thead><tr><th scope="col">Beat</th>'
        + '<th scope="col">Baseline</th><th scope="col">What-if</th><th scope="col">Change</th></tr></thead><tbody>'
        + beats + '</tbody></table>' : '')
      + (out.road_changes.length ? '<p class="help">Roads: ' + out.road_changes.map(escapeHtml).join('; ') + '</p>' : '');
    $('plan-show').hidden = false;
  }

  drawBands() {
    this.bandLayer.clearLayers();
    if (!this.report) return;
    const r = this.shown === 'what-if' ? this.report.scenarios[0].report : this.report.baseline;
    if (!r.bands_geojson) return;
    const geo = JSON.parse(r.bands_geojson);
    L.geoJSON(geo, {
      pane: 'plan-bands',
      interactive: false,
      style: (f) => ({ color: BAND_COLOURS[f.properties.index], weight: f.properties.index === 5 ? 2 : 4, opacity: 0.85 }),
    }).addTo(this.bandLayer);
    const legend = $('plan-legend');
    legend.replaceChildren();
    for (const f of geo.features) {
      const li = document.createElement('li');
      li.innerHTML = '<span class="band-swatch" style="background:' + BAND_COLOURS[f.properties.index] + '"></span>'
        + escapeHtml(f.properties.band) + ': ' + f.properties.roadKm.toFixed(1) + ' km of road';
      legend.appendChild(li);
    }
    legend.dataset.shown = this.shown;
    legend.hidden = false;
  }
}

function pct(share) {
  return (Math.round(share * 1000) / 10).toFixed(1) + '%';
}

function signed(d, fmt) {
  if (Math.abs(d) < 5e-4) return '±0';
  return (d > 0 ? '+' : '−') + fmt(Math.abs(d)).replace('%', ' pts');
}

function round6(v) {
  return Math.round(v * 1e6) / 1e6;
}
