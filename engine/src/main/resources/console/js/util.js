// Small helpers shared by the console's modules.
import { CallError } from './grpcweb.js';

export function describe(e) {
  if (e instanceof CallError) return e.message + (e.field ? ' (field ' + e.field + ')' : '');
  return e && e.message ? e.message : String(e);
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
