// How units are drawn: colour by status from the Okabe-Ito palette (safe for the common forms of
// colour blindness), a letter for the status (so colour is never the only cue) and a shape by kind.

export const STATUS_GROUPS = [
  { key: 'available', label: 'Available', letter: 'A', colour: '#009E73', statuses: ['UNIT_STATUS_AVAILABLE'] },
  { key: 'en_route', label: 'En route', letter: 'E', colour: '#0072B2', statuses: ['UNIT_STATUS_EN_ROUTE'] },
  { key: 'at_scene', label: 'At scene', letter: 'S', colour: '#D55E00', statuses: ['UNIT_STATUS_AT_SCENE'] },
  { key: 'committed', label: 'Committed', letter: 'C', colour: '#CC79A7', statuses: ['UNIT_STATUS_COMMITTED'] },
  {
    key: 'unavailable', label: 'Unavailable', letter: 'U', colour: '#6E6E6E',
    statuses: ['UNIT_STATUS_REFRESHMENT', 'UNIT_STATUS_AT_STATION', 'UNIT_STATUS_OFF_DUTY', 'UNIT_STATUS_UNSPECIFIED'],
  },
];

const BY_STATUS = {};
STATUS_GROUPS.forEach((g, i) => g.statuses.forEach((s) => { BY_STATUS[s] = i; }));

/** Index into STATUS_GROUPS of a contract status name. */
export function groupIndex(status) {
  return BY_STATUS[status] ?? STATUS_GROUPS.length - 1;
}

export const KINDS = [
  { kind: 'UNIT_KIND_CAR', label: 'Car', shape: 'circle' },
  { kind: 'UNIT_KIND_VAN', label: 'Van', shape: 'square' },
  { kind: 'UNIT_KIND_MOTORCYCLE', label: 'Motorcycle', shape: 'diamond' },
  { kind: 'UNIT_KIND_FOOT', label: 'Foot', shape: 'triangle' },
  { kind: 'UNIT_KIND_BICYCLE', label: 'Bicycle', shape: 'hexagon' },
];
const SHAPE = {};
KINDS.forEach((k, i) => { SHAPE[k.kind] = i; });

/** Index into KINDS of a contract kind name (cars for unknown). */
export function kindIndex(kind) {
  return SHAPE[kind] ?? 0;
}

export function statusName(status) {
  return (status || '').replace('UNIT_STATUS_', '').replace('_', ' ').toLowerCase();
}

/** Draws one unit symbol centred on x, y with radius r. */
export function drawSymbol(ctx, kind, group, x, y, r, stale, selected) {
  const g = STATUS_GROUPS[group];
  ctx.beginPath();
  switch (KINDS[kind].shape) {
    case 'square':
      ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case 'diamond':
      ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.2, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r * 1.2, y);
      ctx.closePath();
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.25); ctx.lineTo(x + r * 1.15, y + r * 0.85); ctx.lineTo(x - r * 1.15, y + r * 0.85);
      ctx.closePath();
      break;
    case 'hexagon':
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 3 * i + Math.PI / 6;
        const px = x + r * 1.1 * Math.cos(a);
        const py = y + r * 1.1 * Math.sin(a);
        if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      }
      ctx.closePath();
      break;
    default:
      ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  if (stale) {
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = g.colour;
    ctx.lineWidth = 2.5;
    ctx.stroke();
    ctx.setLineDash([]);
  } else {
    ctx.fillStyle = g.colour;
    ctx.fill();
    ctx.strokeStyle = selected ? '#000000' : '#ffffff';
    ctx.lineWidth = selected ? 3 : 1.5;
    ctx.stroke();
  }
  if (r >= 6) {
    ctx.fillStyle = stale ? g.colour : '#ffffff';
    ctx.font = 'bold ' + Math.round(r * 1.2) + 'px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(g.letter, x, y + 0.5);
  }
}
