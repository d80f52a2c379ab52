// Incidents: place one (map click, typed or pasted coordinates), rank the units for it with their
// routes, show where a straight-line choice would have differed, assign from the list.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { STATUS_GROUPS, KINDS, statusName } from './symbols.js';
import { ageText } from './fleetlayer.js';
import { describe, escapeHtml } from './util.js';

const $ = (id) => document.getElementById(id);
function routeStyle(index, highlighted) {
  if (index === 0 || highlighted) {
    return { color: index === 0 ? '#1b2a41' : '#5b3a8c', weight: 6, opacity: 0.9, dashArray: null, interactive: false };
  }
  return { color: '#4d4d4d', weight: 3.5, opacity: 0.65, dashArray: '7 6', interactive: false };
}

export class IncidentDesk {
  constructor(client, map, fleet, s, setStatus) {
    this.client = client;
    this.map = map;
    this.fleet = fleet;
    this.setStatus = setStatus;
    this.mayAssign = s.may.includes('assign');
    // with live coverage, each candidate says what coverage would remain if it went
    this.coverageImpact = s.may.includes('coverage');
    this.onAssigned = () => {};
    this.incidents = [];
    this.counter = 0;
    this.marker = null;
    this.routes = L.layerGroup().addTo(map);
    this.onRanked = () => {};
    $('incident-panel').hidden = false;
    $('incidents-panel').hidden = false;
    for (const g of s.grades) addOption($('inc-grade'), g.code, g.code + ' – ' + g.name);
    addOption($('inc-type'), '', '(none)');
    for (const t of s.incidentTypes) addOption($('inc-type'), t, t.replaceAll('_', ' '));
    for (const c of s.capabilities) {
      const label = document.createElement('label');
      label.innerHTML = '<input type="checkbox" name="cap" value="' + escapeHtml(c) + '"> ' + escapeHtml(c.replaceAll('_', ' '));
      $('inc-capabilities').appendChild(label);
    }
    $('inc-location').addEventListener('paste', () => setTimeout(() => this.showLocation(), 0));
    $('inc-location').addEventListener('change', () => this.showLocation());
    $('incident-form').addEventListener('submit', (e) => { e.preventDefault(); this.rank(); });
  }

  /** A map click: the incident goes there. */
  placeAt(lat, lon) {
    $('inc-location').value = lat.toFixed(5) + ', ' + lon.toFixed(5);
    this.showLocation();
    $('inc-rank').focus();
  }

  parseLocation() {
    const text = $('inc-location').value.trim();
    const m = text.match(/^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/);
    if (!m) return null;
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return null;
    return { lat, lon };
  }

  showLocation() {
    const p = this.parseLocation();
    if (!p) return;
    if (this.marker) this.marker.remove();
    this.marker = L.circleMarker([p.lat, p.lon], {
      radius: 12, color: '#000000', weight: 3, fillColor: '#F0E442', fillOpacity: 1, interactive: false,
    }).bindTooltip('Incident', { permanent: true, direction: 'top', offset: [0, -12] }).addTo(this.map);
  }

  async rank() {
    $('inc-error').textContent = '';
    const p = this.parseLocation();
    if (!p) {
      $('inc-error').textContent = 'Location: write latitude, longitude in degrees, e.g. 43.7384, 7.4246 (you wrote "'
        + $('inc-location').value.slice(0, 64) + '")';
      $('inc-location').focus();
      return;
    }
    this.showLocation();
    const caps = [...document.querySelectorAll('#inc-capabilities input:checked')].map((i) => i.value);
    const incident = {
      id: 'INC-' + String(++this.counter).padStart(3, '0'),
      location: { lat_deg: p.lat, lon_deg: p.lon },
      grade: $('inc-grade').value,
      incident_type: $('inc-type').value,
      required_capabilities: caps,
    };
    $('inc-rank').disabled = true;
    this.setStatus('Ranking units for ' + incident.id + '…');
    try {
      const answer = await this.client.unary('Dispatch/Recommend',
        { incident, max_candidates: 8, include_coverage_impact: this.coverageImpact });
      this.current = { incident, answer, plain: answer, at: new Date() };
      this.incidents.unshift(this.current);
      this.onRanked();
      this.showRanking();
      this.renderIncidents();
      this.setStatus('Ranked ' + answer.candidates.length + ' units for ' + incident.id);
    } catch (e) {
      this.counter--;
      $('inc-error').textContent = describe(e);
      this.setStatus('Ranking failed');
    } finally {
      $('inc-rank').disabled = false;
    }
  }

  /**
   * Ranks the shown incident again (after a road closure was added or removed, or with the
   * request's own what-if closures) and says how the first place changed.
   */
  async rerank(why, whatIfClosures) {
    if (!this.current) return;
    // compared with the last ranking under the service's own conditions (not with a what-if)
    const { incident } = this.current;
    const before = this.current.plain || this.current.answer;
    this.setStatus('Ranking ' + incident.id + ' again ' + why + '…');
    const answer = await this.client.unary('Dispatch/Recommend',
      { incident, max_candidates: 8, what_if_closures: whatIfClosures, include_coverage_impact: this.coverageImpact });
    this.current.answer = answer;
    if (whatIfClosures.length === 0) this.current.plain = answer;
    this.current.change = { why, whatIf: whatIfClosures.length > 0, text: changeText(before, answer) };
    this.showRanking();
    this.setStatus('Ranked ' + incident.id + ' again ' + why);
  }

  /** Back from a what-if to the last ranking under the service's own conditions. */
  dropWhatIf() {
    if (!this.current || !this.current.change || !this.current.change.whatIf) return;
    this.current.answer = this.current.plain;
    this.current.change = null;
    this.showRanking();
  }

  showRanking() {
    const { incident, answer, change } = this.current;
    this.routes.clearLayers();
    const cands = answer.candidates;
    // routes: the first candidate's solid and dark on top, the others grey and dashed; a row in
    // focus or under the pointer brings its route forward (status colours stay for units only)
    this.routeLines = [];
    for (let i = cands.length - 1; i >= 0; i--) {
      const c = cands[i];
      if (!c.encoded_polyline) continue;
      this.routeLines[i] = L.polyline(decodePolyline(c.encoded_polyline), routeStyle(i, false)).addTo(this.routes);
    }
    // bring the incident and the routes of the first candidates into view
    const view = L.latLngBounds([[incident.location.lat_deg, incident.location.lon_deg]]);
    this.routeLines.slice(0, 3).forEach((line) => { if (line) view.extend(line.getBounds()); });
    if (!this.map.getBounds().contains(view)) this.map.fitBounds(view, { padding: [40, 40], maxZoom: 17, animate: false });
    const target = answer.target_seconds;
    let html = '<h3>' + escapeHtml(incident.id) + ': grade ' + escapeHtml(answer.grade) + ' ' + escapeHtml(answer.grade_name)
      + ' (' + (answer.urban ? 'urban' : 'rural') + (target ? ', target ' + Math.round(target / 60) + ' min' : ', no target')
      + ')</h3>';
    if (change) {
      html += '<p class="note' + (change.whatIf ? ' what-if' : '') + '" id="rerank-note"><b>'
        + (change.whatIf ? 'What if' : 'Ranked again') + '</b> ' + escapeHtml(change.why) + ': '
        + escapeHtml(change.text) + '</p>';
    }
    if (answer.conditions_in_force.length > 0 || answer.condition_notes.length > 0) {
      html += '<div class="conditions" id="ranking-conditions"><b>Road conditions used:</b> '
        + (answer.conditions_in_force.map(escapeHtml).join('; ') || 'none')
        + answer.condition_notes.map((n) => '<br><b class="missed">' + escapeHtml(n) + '</b>').join('') + '</div>';
    }
    const byLine = cands.find((c) => c.straight_line_rank === 1);
    if (byLine && byLine.rank !== 1 && cands.length > 0) {
      const first = cands[0];
      html += '<p class="note" id="straight-line-note">A straight-line choice would have sent <b>' + escapeHtml(byLine.callsign)
        + '</b> (nearest as the crow flies, ' + km(byLine.straight_line_metres) + '), ETA ' + secs(byLine.eta_seconds)
        + ' by road: ' + secs(byLine.eta_seconds - first.eta_seconds) + ' slower than <b>' + escapeHtml(first.callsign)
        + '</b>.</p>';
    }
    if (cands.length === 0) {
      html += '<p>No unit can be sent. ' + excluded(answer) + '</p>';
    } else {
      html += '<table class="ranking" id="ranking-table"><caption class="sr-only">Ranked units</caption><thead><tr>'
        + '<th scope="col">#</th><th scope="col">Unit</th><th scope="col">ETA</th><th scope="col">Target</th>'
        + '<th scope="col">Fix age</th><th scope="col" title="rank by straight-line distance">Line rank</th>'
        + (this.mayAssign ? '<th scope="col"><span class="sr-only">Assign</span></th>' : '') + '</tr></thead><tbody>';
      cands.forEach((c, i) => {
        html += '<tr data-unit="' + escapeHtml(c.unit_id) + '" data-index="' + i + '"><td class="num">' + c.rank + '</td>'
          + '<td><b class="callsign">' + escapeHtml(c.callsign) + '</b><br>' + escapeHtml(kindLabel(c.kind)) + ', '
          + statusName(c.status) + '<b class="now"></b>' + coverText(c, answer) + '<details><summary>reasons</summary><ul>'
          + c.reasons.map((r) => '<li>' + escapeHtml(r) + '</li>').join('') + '</ul></details></td>'
          + '<td class="num eta" data-eta-seconds="' + c.eta_seconds + '">' + secs(c.eta_seconds) + '<br><small>'
          + km(c.distance_metres) + '</small></td>'
          + '<td>' + (target ? (c.meets_target ? '<span class="met">met</span>' : '<span class="missed">missed</span>') : '–')
          + '</td><td class="num' + (c.stale ? ' stale' : '') + '">' + ageText(c.fix_age_seconds) + (c.stale ? ' stale' : '')
          + '</td><td class="num' + (c.straight_line_rank !== c.rank ? ' differs' : '') + '">' + c.straight_line_rank + '</td>'
          + (this.mayAssign ? '<td><button type="button" class="assign" data-unit="' + escapeHtml(c.unit_id)
            + '" aria-label="Assign ' + escapeHtml(c.callsign) + ' to ' + escapeHtml(incident.id) + '">Assign</button></td>' : '')
          + '</tr>';
      });
      html += '</tbody></table><p><small>Route of rank 1: solid; others dashed (point at a row to bring its route '
        + 'forward). Line rank: the unit\'s place by straight-line distance, highlighted where it differs. '
        + coverNote(answer) + excluded(answer) + ' Ranked in ' + (answer.compute_micros / 1000).toFixed(1)
        + ' ms. ' + escapeHtml(answer.attribution) + '</small></p>';
    }
    $('ranking').innerHTML = html;
    $('ranking').querySelectorAll('button.assign').forEach((b) =>
      b.addEventListener('click', () => this.assign(b.dataset.unit, b)));
    $('ranking').querySelectorAll('tbody tr').forEach((tr) => {
      const i = Number(tr.dataset.index);
      const on = () => this.highlight(i);
      tr.addEventListener('mouseenter', on);
      tr.addEventListener('focusin', on);
    });
  }

  highlight(index) {
    this.routeLines.forEach((line, i) => { if (line) line.setStyle(routeStyle(i, i === index)); });
    const line = this.routeLines[index];
    if (line) line.bringToFront();
  }

  async assign(unitId, button) {
    const { incident } = this.current;
    button.disabled = true;
    try {
      const a = await this.client.unary('Dispatch/Assign', { incident_id: incident.id, unit_id: unitId, grade: incident.grade });
      const slot = this.fleet.put(a.unit);
      button.textContent = 'Assigned';
      button.classList.add('done');
      button.closest('tr').classList.add('selected');
      button.closest('tr').querySelector('.now').textContent = 'now ' + statusName(a.unit.status);
      this.setStatus((a.unit.callsign || unitId) + ' assigned to ' + incident.id + ': ' + statusName(a.unit.status));
      $('inc-error').textContent = takenFromWarning(a.unit.callsign || unitId, a.taken_from);
      void slot;
      this.renderIncidents();
      this.onAssigned();
    } catch (e) {
      button.disabled = false;
      $('inc-error').textContent = 'Assign ' + unitId + ': ' + describe(e);
    }
  }

  /** Called when the fleet changed (statuses of assigned units). */
  fleetChanged() {
    this.renderIncidents();
  }

  renderIncidents() {
    const f = this.fleet;
    const byIncident = new Map();
    for (let i = 0; i < f.count; i++) {
      const inc = f.assignedIncident[i];
      if (!inc) continue;
      if (!byIncident.has(inc)) byIncident.set(inc, []);
      byIncident.get(inc).push(i);
    }
    const items = this.incidents.map(({ incident, answer }) => {
      const units = byIncident.get(incident.id) || [];
      return '<li><button type="button" data-incident="' + escapeHtml(incident.id) + '"><b>' + escapeHtml(incident.id)
        + '</b> grade ' + escapeHtml(answer.grade) + ' at ' + incident.location.lat_deg.toFixed(4) + ', '
        + incident.location.lon_deg.toFixed(4) + ' · ' + (units.length === 0 ? 'no unit assigned'
          : units.map((i) => '<span class="swatch" style="background:' + STATUS_GROUPS[f.group[i]].colour + '"></span>'
            + escapeHtml(f.callsign[i]) + ' ' + statusName(f.status[i])).join(', ')) + '</button></li>';
    });
    const list = $('incident-list');
    const html = items.join('') || '<li>No incident yet: click the map or type a location.</li>';
    if (list.innerHTML !== html) {
      list.innerHTML = html;
      list.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => {
        const found = this.incidents.find((x) => x.incident.id === b.dataset.incident);
        if (!found) return;
        this.current = found;
        found.change = null;
        $('inc-location').value = found.incident.location.lat_deg.toFixed(5) + ', ' + found.incident.location.lon_deg.toFixed(5);
        this.showLocation();
        this.showRanking();
      }));
    }
  }
}

/** How the first place and its ETA changed between two answers, for people. */
function changeText(before, after) {
  const b = before.candidates[0];
  const a = after.candidates[0];
  if (!a) return 'no unit can be sent now (first was ' + (b ? b.callsign + ', ' + secs(b.eta_seconds) : 'none') + ')';
  if (!b) return 'first is now ' + a.callsign + ', ' + secs(a.eta_seconds);
  if (a.unit_id !== b.unit_id) {
    return 'first is now ' + a.callsign + ' (' + secs(a.eta_seconds) + '), was ' + b.callsign + ' (' + secs(b.eta_seconds) + ')';
  }
  const d = Math.round(a.eta_seconds - b.eta_seconds);
  return a.callsign + ' stays first, ETA ' + secs(a.eta_seconds)
    + (d === 0 ? ' (unchanged)' : ' (' + (d > 0 ? '+' : '−') + secs(Math.abs(d)) + ')');
}

/** "leaves X% covered" for a candidate, when the answer carries coverage impacts. */
function coverText(c, answer) {
  if (!answer.live_coverage || !c.coverage_if_sent) return '';
  const i = c.coverage_if_sent;
  if (!i.counted) return '<span class="cover" data-share-without="' + i.share_without + '">not counted in coverage</span>';
  const loses = i.only_unit_share > 0;
  return '<span class="cover' + (loses ? ' loses' : '') + '" data-share-without="' + i.share_without
    + '" title="coverage left if it goes: ' + pctText(i.share_without) + ' of demand within target'
    + (loses ? '; only it reaches ' + pctText(i.only_unit_share) : '') + '"><span class="nw">leaves '
    + pctText(i.share_without) + '</span>' + (loses ? ' (−' + pctText(i.only_unit_share).replace('%', '') + ')' : '')
    + '</span>';
}

function coverNote(answer) {
  const lc = answer.live_coverage;
  if (!lc) return '';
  return '"Leaves X%": the share of demand the other free units still reach within the grade ' + escapeHtml(lc.grade)
    + ' target if this unit goes, in brackets the points only it covers (now ' + pctText(lc.demand_share_within_target)
    + ' covered, computed ' + Math.round(lc.age_seconds) + ' s before this ranking). ';
}

function pctText(share) {
  return (Math.round(share * 1000) / 10).toFixed(1) + '%';
}

function addOption(select, value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.appendChild(o);
}

function kindLabel(kind) {
  const k = KINDS.find((x) => x.kind === kind);
  return k ? k.label.toLowerCase() : 'unit';
}

function secs(s) {
  const v = Math.round(s);
  return v < 120 ? v + ' s' : Math.floor(v / 60) + ' min ' + (v % 60) + ' s';
}

function km(m) {
  return m < 1000 ? Math.round(m) + ' m' : (m / 1000).toFixed(1) + ' km';
}

function excluded(answer) {
  const parts = answer.excluded.map((x) => x.count + ' ' + x.reason.replace('EXCLUSION_REASON_', '').replaceAll('_', ' ').toLowerCase());
  return parts.length ? 'Left out: ' + parts.join(', ') + '.' : '';
}

/** Google's encoded polyline (precision 5) to [[lat, lon], ...]. */
export function decodePolyline(s) {
  const out = [];
  let i = 0;
  let lat = 0;
  let lon = 0;
  while (i < s.length) {
    for (let k = 0; k < 2; k++) {
      let shift = 0;
      let result = 0;
      let b;
      do {
        b = s.charCodeAt(i++) - 63;
        result |= (b & 0x1f) << shift;
        shift += 5;
      } while (b >= 0x20);
      const d = result & 1 ? ~(result >> 1) : result >> 1;
      if (k === 0) lat += d; else lon += d;
    }
    out.push([lat / 1e5, lon / 1e5]);
  }
  return out;
}

/**
 * What a dispatcher must hear when an assignment took the unit from another open incident: that
 * incident, its grade, and whether any unit is still assigned to it ('' when none was taken).
 */
export function takenFromWarning(callsign, takenFrom) {
  if (!takenFrom || !takenFrom.id) return '';
  const left = (takenFrom.units || []).filter((u) => u.still_assigned).length;
  return 'Warning: ' + callsign + ' was taken from ' + takenFrom.id + ' (grade ' + takenFrom.grade + '), which '
    + (left === 0 ? 'now has no unit assigned.' : 'still has ' + left + (left === 1 ? ' unit' : ' units') + ' assigned.');
}
