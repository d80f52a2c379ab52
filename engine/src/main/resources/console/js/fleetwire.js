// WatchFleet's FleetUpdate messages read straight from the protobuf wire format into the Fleet's
// typed arrays: no object per unit, no string per unit once its id is known (ids matched by their
// bytes), and a unit's descriptive fields (call sign, capabilities, home station, grade, incident)
// decoded only when their bytes changed. Field numbers are the contract's (fleet.proto: FleetUpdate,
// UnitChange, Unit, GpsFix; common.proto: LatLon); fields it does not use are skipped by wire type,
// so fields added to the contract later are ignored, as protobuf readers do.

const ASCII = [];

/** Reads FleetUpdate bytes into a Fleet. One reader per fleet; not reentrant. */
export class FleetWireReader {
  constructor(fleet) {
    this.fleet = fleet;
    this.buf = null;
    this.view = null;
    this.pos = 0;
    this.idSlot = new Map(); // FNV-1a of an id's bytes -> a slot whose id has those bytes
    this.describedHash = new Float64Array(0);
    this.utf8 = new TextDecoder();
  }

  /**
   * Applies one FleetUpdate given as its bytes; returns { fullSnapshot, changes } (changes: units
   * applied).
   */
  apply(bytes) {
    this.buf = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    let fullSnapshot = false;
    let changes = 0;
    const end = bytes.length;
    while (this.pos < end) {
      const tag = this.varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (field === 3 && wire === 0) {
        fullSnapshot = this.varint() !== 0;
      } else if (field === 4 && wire === 2) {
        const len = this.varint();
        const stop = this.pos + len;
        this.change(stop);
        this.pos = stop;
        changes++;
      } else {
        this.skip(wire);
      }
    }
    this.buf = null;
    this.view = null;
    return { fullSnapshot, changes };
  }

  /** A UnitChange: its unit (field 1); the change kinds are not needed. */
  change(stop) {
    while (this.pos < stop) {
      const tag = this.varint();
      if (tag === 10) {
        const len = this.varint();
        const unitEnd = this.pos + len;
        this.unit(this.pos, unitEnd);
        this.pos = unitEnd;
      } else {
        this.skip(tag & 7);
      }
    }
  }

  /** A Unit between start and stop: first pass for numbers, hash of the descriptive bytes. */
  unit(start, stop) {
    const f = this.fleet;
    const b = this.buf;
    let idStart = -1;
    let idLen = 0;
    let kind = 0;
    let status = 0;
    let stale = 0;
    let fixStart = -1;
    let fixEnd = -1;
    let h1 = 0x811c9dc5;
    let h2 = 5381;
    this.pos = start;
    while (this.pos < stop) {
      const tag = this.varint();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (wire === 2) {
        const len = this.varint();
        const at = this.pos;
        this.pos += len;
        if (field === 1) {
          idStart = at;
          idLen = len;
        } else if (field === 10) {
          fixStart = at;
          fixEnd = at + len;
        } else if (field === 2 || field === 4 || field === 6 || field === 9 || field === 11) {
          // descriptive text: hashed with its field number, decoded below only when changed
          h1 = Math.imul(h1 ^ field, 16777619);
          h2 = (Math.imul(h2, 33) + field + 1) | 0;
          for (let k = at; k < at + len; k++) {
            h1 = Math.imul(h1 ^ b[k], 16777619);
            h2 = (Math.imul(h2, 33) + b[k]) | 0;
          }
        }
      } else if (wire === 0) {
        const v = this.varint();
        if (field === 3) kind = v;
        else if (field === 7) status = v;
        else if (field === 13) stale = v !== 0 ? 1 : 0;
      } else {
        this.skip(wire);
      }
    }
    if (idStart < 0) return;
    const i = this.slot(idStart, idLen);
    const described = (h1 >>> 0) * 4294967296 + (h2 >>> 0);
    if (this.describedHash.length < f.capacity) {
      const grown = new Float64Array(f.capacity);
      grown.fill(-1);
      grown.set(this.describedHash);
      this.describedHash = grown;
    }
    if (this.describedHash[i] !== described || f.statusCode[i] !== status) {
      this.describedHash[i] = described;
      this.describe(i, start, stop);
      f.setStatus(i, status);
    }
    f.setKind(i, kind);
    f.stale[i] = stale;
    if (fixStart >= 0) this.fix(i, fixStart, fixEnd);
  }

  /** Second pass over a Unit whose descriptive fields changed: its texts. */
  describe(i, start, stop) {
    const f = this.fleet;
    let callsign = '';
    const capabilities = [];
    let grade = '';
    let incident = '';
    let id = '';
    this.pos = start;
    while (this.pos < stop) {
      const tag = this.varint();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (wire !== 2) {
        this.skip(wire);
        continue;
      }
      const len = this.varint();
      const at = this.pos;
      this.pos += len;
      if (field === 1) id = this.text(at, len);
      else if (field === 2) callsign = this.text(at, len);
      else if (field === 4) capabilities.push(this.text(at, len));
      else if (field === 9) grade = this.text(at, len);
      else if (field === 11) incident = this.text(at, len);
    }
    f.callsign[i] = callsign || id;
    f.capabilities[i] = capabilities;
    f.grade[i] = grade;
    f.assignedIncident[i] = incident;
  }

  /** A GpsFix: its position (LatLon in field 2) and position time (field 3). */
  fix(i, start, stop) {
    const f = this.fleet;
    let lat = NaN;
    let lon = NaN;
    let time = 0;
    this.pos = start;
    while (this.pos < stop) {
      const tag = this.varint();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 2 && wire === 2) {
        const len = this.varint();
        const end = this.pos + len;
        lat = 0;
        lon = 0;
        while (this.pos < end) {
          const t = this.varint();
          if (t === 9) { lat = this.view.getFloat64(this.pos, true); this.pos += 8; }
          else if (t === 17) { lon = this.view.getFloat64(this.pos, true); this.pos += 8; }
          else this.skip(t & 7);
        }
      } else if (field === 3 && wire === 0) {
        time = this.varint();
      } else {
        this.skip(wire);
      }
    }
    if (!Number.isNaN(lat)) {
      f.lat[i] = lat;
      f.lon[i] = lon;
      f.fixTime[i] = time;
      f.hasFix[i] = 1;
    }
  }

  /** The slot of the unit whose id has these bytes, matched without a string when seen before. */
  slot(at, len) {
    const b = this.buf;
    const f = this.fleet;
    let h = 0x811c9dc5;
    for (let k = at; k < at + len; k++) h = Math.imul(h ^ b[k], 16777619);
    const seen = this.idSlot.get(h);
    if (seen !== undefined) {
      const id = f.ids[seen];
      if (id.length === len) {
        let same = true;
        for (let k = 0; k < len; k++) {
          if (id.charCodeAt(k) !== b[at + k]) { same = false; break; }
        }
        if (same) return seen;
      }
    }
    const i = f.slotFor(this.text(at, len));
    if (seen === undefined) this.idSlot.set(h, i);
    return i;
  }

  text(at, len) {
    const b = this.buf;
    let ascii = true;
    for (let k = at; k < at + len; k++) {
      if (b[k] >= 0x80) { ascii = false; break; }
    }
    if (!ascii) return this.utf8.decode(b.subarray(at, at + len));
    ASCII.length = len;
    for (let k = 0; k < len; k++) ASCII[k] = b[at + k];
    return String.fromCharCode.apply(null, ASCII);
  }

  /** A varint as a number (exact up to 2^53: epoch milliseconds fit). */
  varint() {
    const b = this.buf;
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = b[this.pos++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  }

  skip(wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) { const len = this.varint(); this.pos += len; }
    else if (wire === 5) this.pos += 4;
    else throw new Error('FleetUpdate: unsupported wire type ' + wire + ' at byte ' + this.pos);
  }
}
