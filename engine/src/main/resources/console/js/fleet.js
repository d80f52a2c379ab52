// The fleet as the page knows it from WatchFleet: one slot per unit, positions in typed arrays.
import { groupIndex, kindIndex } from './symbols.js';

export class Fleet {
  /**
   * statusNames, kindNames: names of the contract's UnitStatus and UnitKind values by number, for
   * updates decoded without conversion (enums as numbers); updates with names work without them.
   */
  constructor(statusNames = {}, kindNames = {}) {
    this.statusNames = statusNames;
    this.kindNames = kindNames;
    this.count = 0;
    this.capacity = 0;
    this.slotOf = new Map();
    this.ids = [];
    this.callsign = [];
    this.status = [];
    this.capabilities = [];
    this.assignedIncident = [];
    this.grade = [];
    this.grow(1024);
  }

  grow(capacity) {
    const copy = (Type, old) => { const a = new Type(capacity); if (old) a.set(old); return a; };
    this.lat = copy(Float64Array, this.lat);
    this.lon = copy(Float64Array, this.lon);
    this.fixTime = copy(Float64Array, this.fixTime);
    this.kind = copy(Uint8Array, this.kind);
    this.statusCode = copy(Int16Array, this.statusCode);
    this.group = copy(Uint8Array, this.group);
    this.stale = copy(Uint8Array, this.stale);
    this.hasFix = copy(Uint8Array, this.hasFix);
    this.capacity = capacity;
  }

  /** Applies one FleetUpdate; returns the number of units changed. */
  apply(update) {
    for (const change of update.changes) {
      this.put(change.unit);
    }
    return update.changes.length;
  }

  /** The slot of a unit id, a new one for an id not seen before. */
  slotFor(id) {
    let i = this.slotOf.get(id);
    if (i === undefined) {
      if (this.count === this.capacity) this.grow(this.capacity * 2);
      i = this.count++;
      this.slotOf.set(id, i);
      this.ids[i] = id;
      this.statusCode[i] = -1;
    }
    return i;
  }

  /** Slot i's status by the contract's number (UnitStatus). */
  setStatus(i, number) {
    if (this.statusCode[i] === number) return;
    this.statusCode[i] = number;
    this.status[i] = this.statusNames[number];
    this.group[i] = groupIndex(this.status[i]);
  }

  /** Slot i's kind by the contract's number (UnitKind). */
  setKind(i, number) {
    this.kind[i] = kindIndex(this.kindNames[number]);
  }

  put(u) {
    const i = this.slotFor(u.id);
    this.callsign[i] = u.callsign || u.id;
    const status = typeof u.status === 'number' ? this.statusNames[u.status] : u.status;
    const kind = typeof u.kind === 'number' ? this.kindNames[u.kind] : u.kind;
    this.status[i] = status;
    this.statusCode[i] = typeof u.status === 'number' ? u.status : -1;
    this.capabilities[i] = u.capabilities;
    this.assignedIncident[i] = u.assigned_incident_id;
    this.grade[i] = u.committed_grade;
    this.kind[i] = kindIndex(kind);
    this.group[i] = groupIndex(status);
    this.stale[i] = u.stale ? 1 : 0;
    const fix = u.last_fix;
    if (fix && fix.position) {
      this.lat[i] = fix.position.lat_deg;
      this.lon[i] = fix.position.lon_deg;
      this.fixTime[i] = Number(fix.position_time_epoch_millis);
      this.hasFix[i] = 1;
    }
    return i;
  }

  /** Age in seconds of slot i's fix at epoch millis now. */
  fixAgeAt(i, now) {
    return this.hasFix[i] ? Math.max(0, (now - this.fixTime[i]) / 1000) : NaN;
  }
}
