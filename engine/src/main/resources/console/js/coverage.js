// Live coverage: a toggle that draws the road the live fleet does not reach within the Grade 1
// target (Planning/GetLiveCoverage with include_gaps) and says the share of demand covered, the
// units counted and the age of the computation; refreshed on its own while shown.
import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { describe } from './util.js';

const $ = (id) => document.getElementById(id);

/**
 * How gaps are drawn: a wide, translucent dark purple band under the units and routes. Purple is
 * none of the unit status colours (green, blue, vermillion, light pink, grey), not the basemap's
 * tan main roads or grey minor roads, not the closures' red or the routes' navy and grey; its
 * width tells it apart from the thin road lines. (A translucent orange was tried first: it looked
 * like the basemap's main roads.)
 */
export const GAP_STYLE = { color: '#6A1B9A', weight: 9, opacity: 0.7, lineCap: 'round', lineJoin: 'round', interactive: false };

/** Least time between two refreshes, ms (the service itself evaluates at most once a second). */
export const REFRESH_MILLIS = 5000;

export class CoverageDesk {
  constructor(client, map, setStatus) {
    this.client = client;
    this.map = map;
    this.setStatus = setStatus;
    this.on = false;
    this.busy = false;
    this.last = null;
    this.timer = null;
    this.refreshes = 0;
    // below the fleet canvas (z-index 450) and the routes (overlay pane, 400): its own pane at 350
    map.createPane('coverage-gaps').style.zIndex = 350;
    this.layer = L.layerGroup().addTo(map);
    $('coverage-panel').hidden = false;
    $('coverage-toggle').addEventListener('click', () => this.toggle());
    setInterval(() => this.renderAge(), 1000);
  }

  toggle() {
    this.on = !this.on;
    const b = $('coverage-toggle');
    b.setAttribute('aria-pressed', String(this.on));
    b.textContent = this.on ? 'Hide coverage' : 'Show coverage';
    $('coverage-key').hidden = !this.on;
    if (this.on) {
      this.refresh();
      this.timer = setInterval(() => this.refresh(), REFRESH_MILLIS);
    } else {
      clearInterval(this.timer);
      this.timer = null;
      this.layer.clearLayers();
      this.last = null;
      $('coverage-summary').textContent = 'Hidden.';
    }
  }

  /** After a change of the fleet the console made itself (an assignment): refresh once the service's interval has passed. */
  soon() {
    if (this.on) setTimeout(() => this.refresh(), 1200);
  }

  async refresh() {
    if (!this.on || this.busy) return;
    this.busy = true;
    try {
      const c = await this.client.unary('Planning/GetLiveCoverage', { include_gaps: true });
      if (!this.on) return;
      this.last = c;
      this.refreshes++;
      this.draw(c);
      $('coverage-error').textContent = '';
    } catch (e) {
      $('coverage-error').textContent = 'Coverage: ' + describe(e);
    } finally {
      this.busy = false;
    }
  }

  draw(c) {
    this.layer.clearLayers();
    if (c.gaps_geojson) {
      L.geoJSON(JSON.parse(c.gaps_geojson), { pane: 'coverage-gaps', style: () => GAP_STYLE }).addTo(this.layer);
    }
    const summary = $('coverage-summary');
    summary.dataset.share = String(c.demand_share_within_target);
    summary.dataset.computedAt = String(c.computed_at_epoch_millis);
    summary.innerHTML = '<b id="coverage-share">' + pct(c.demand_share_within_target) + '</b> of demand within the grade '
      + c.grade + ' target (' + pct(c.road_share_within_target) + ' of road); <b id="coverage-units">'
      + c.units_counted + '</b> unit' + (c.units_counted === 1 ? '' : 's') + ' counted; '
      + km(c.gaps_km) + ' of road not reached in time. <span id="coverage-age"></span>';
    this.renderAge();
  }

  renderAge() {
    const span = $('coverage-age');
    if (!span || !this.last) return;
    const age = Math.max(0, (Date.now() - this.last.computed_at_epoch_millis) / 1000);
    span.textContent = 'Computed ' + (age < 1.5 ? 'just now' : Math.round(age) + ' s ago') + '; refreshed every '
      + REFRESH_MILLIS / 1000 + ' s.';
  }
}

/** A share 0..1 as a percentage with one decimal. */
export function pct(share) {
  return (Math.round(share * 1000) / 10).toFixed(1) + '%';
}

function km(v) {
  return v < 1 ? Math.round(v * 1000) + ' m' : v.toFixed(1) + ' km';
}
