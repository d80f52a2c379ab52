// Live coverage: a toggle that draws the road the live fleet does not reach within the Grade 1
// target and says the share of demand covered, the units counted and the age of the computation.
// While shown it follows Planning/WatchLiveCoverage (with include_gaps): the service pushes a new
// message whenever its once-a-second refresh finds the fleet changed, so the panel never polls.
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

/** Least time between two messages of the stream, ms (the service refreshes at most once a second). */
export const STREAM_INTERVAL_MILLIS = 1000;

export class CoverageDesk {
  constructor(client, map, setStatus) {
    this.client = client;
    this.map = map;
    this.setStatus = setStatus;
    this.on = false;
    this.last = null;
    this.lastAt = 0;
    this.abort = null;
    this.messages = 0;
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
      this.watch();
    } else {
      if (this.abort) this.abort.abort();
      this.abort = null;
      this.layer.clearLayers();
      this.last = null;
      $('coverage-summary').textContent = 'Hidden.';
    }
  }

  /** After a change of the fleet the console made itself (an assignment): nothing to do, the stream brings it. */
  soon() {}

  /** Follows the stream while shown; reconnects after a failure (1 s, doubling up to 15 s). */
  async watch() {
    const abort = new AbortController();
    this.abort = abort;
    let delay = 1000;
    while (this.on && !abort.signal.aborted) {
      try {
        await this.client.call('Planning/WatchLiveCoverage',
          { include_gaps: true, min_interval_millis: STREAM_INTERVAL_MILLIS }, (c) => {
            if (abort.signal.aborted) return;
            this.last = c;
            this.lastAt = Date.now();
            this.messages++;
            this.draw(c);
            $('coverage-error').textContent = '';
            delay = 1000;
          }, abort.signal);
      } catch (e) {
        if (abort.signal.aborted) return;
        $('coverage-error').textContent = 'Coverage: ' + describe(e) + '; retrying in ' + Math.round(delay / 1000) + ' s';
      }
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
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
    // the age the service stated, plus the time since it arrived (no reliance on the clocks agreeing)
    const age = Math.max(0, (Number(this.last.age_millis || 0) + Date.now() - this.lastAt) / 1000);
    span.textContent = 'Computed ' + (age < 1.5 ? 'just now' : Math.round(age) + ' s ago') + '; updated live.';
  }
}

/** A share 0..1 as a percentage with one decimal. */
export function pct(share) {
  return (Math.round(share * 1000) / 10).toFixed(1) + '%';
}

function km(v) {
  return v < 1 ? Math.round(v * 1000) + ' m' : v.toFixed(1) + ' km';
}
