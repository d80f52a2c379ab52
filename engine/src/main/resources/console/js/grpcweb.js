// gRPC-Web over fetch (binary, application/grpc-web+proto): unary calls and server streams.
// Messages are encoded and decoded by protobufjs from the contract's own .proto files, which the
// engine serves from its jar (/proto/dispatch/v1/*.proto).
import protobuf from './protobuf.js';

const FILES = ['common.proto', 'fleet.proto', 'roads.proto', 'dispatch.proto', 'planning.proto'];

/** An error of a call, with its gRPC status code and the field the service named. */
export class CallError extends Error {
  constructor(code, message, field) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** Loads the contract; returns a client bound to a token getter. */
export async function connect(tokenOf) {
  const root = new protobuf.Root();
  for (const f of FILES) {
    const res = await fetch('/proto/dispatch/v1/' + f);
    if (!res.ok) throw new Error('cannot load the contract file ' + f + ' (HTTP ' + res.status + ')');
    protobuf.parse(await res.text(), root, { keepCase: true });
  }
  root.resolveAll();
  return new Client(root, tokenOf);
}

const TO_OBJECT = { longs: Number, enums: String, defaults: true, arrays: true };
/** For streams of many messages: no default values filled in (absent fields read as undefined). */
const TO_OBJECT_LEAN = { longs: Number, enums: String, arrays: true };

class Client {
  constructor(root, tokenOf) {
    this.root = root;
    this.tokenOf = tokenOf;
  }

  method(path) {
    const [service, name] = path.split('/');
    const m = this.root.lookupService('dispatch.v1.' + service).methods[name];
    return { url: '/dispatch.v1.' + service + '/' + name, req: m.resolvedRequestType, res: m.resolvedResponseType };
  }

  /** The names of an enum's values by number (e.g. enumNames('UnitStatus')[2]), for raw messages. */
  enumNames(name) {
    return this.root.lookupEnum('dispatch.v1.' + name).valuesById;
  }

  headers() {
    const h = { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1', accept: 'application/grpc-web+proto' };
    const t = this.tokenOf();
    if (t) h.authorization = 'Bearer ' + t;
    return h;
  }

  /** A unary call: resolves with the answer as a plain object. */
  async unary(path, request) {
    let answer = null;
    await this.call(path, request, (m) => { answer = m; });
    if (answer === null) throw new CallError(13, 'no answer from ' + path);
    return answer;
  }

  /**
   * A server stream: calls onMessage(message, decodeMillis) for each message; resolves when the stream ends with OK,
   * rejects with a CallError otherwise. abortSignal ends it from the page; lean leaves fields at
   * their default values out of the objects (cheaper for large streams); lean 'raw' hands over
   * protobufjs's decoded messages themselves (no conversion at all: enums are numbers, see
   * enumNames; 64-bit integers are numbers as no Long library is loaded); lean 'bytes' hands over
   * each message's bytes undecoded (a copy the callee may keep), for a reader of the wire format
   * (the fleet stream, js/fleetwire.js).
   */
  async call(path, request, onMessage, abortSignal, lean = false) {
    const conversion = lean ? TO_OBJECT_LEAN : TO_OBJECT;
    const raw = lean === 'raw';
    const bytes0 = lean === 'bytes';
    const m = this.method(path);
    const bytes = m.req.encode(m.req.fromObject(request)).finish();
    const body = new Uint8Array(5 + bytes.length);
    new DataView(body.buffer).setUint32(1, bytes.length);
    body.set(bytes, 5);
    const res = await fetch(m.url, { method: 'POST', headers: this.headers(), body, signal: abortSignal });
    if (!res.ok) throw new CallError(14, path + ': HTTP ' + res.status);
    const headerStatus = res.headers.get('grpc-status');
    if (headerStatus !== null && headerStatus !== '0') {
      throw new CallError(Number(headerStatus), decodeURIComponent(res.headers.get('grpc-message') || ''),
        res.headers.get('bluelamp-error-field'));
    }
    const reader = res.body.getReader();
    let buf = new Uint8Array(0);
    let trailers = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf = concat(buf, value);
      while (buf.length >= 5) {
        const len = new DataView(buf.buffer, buf.byteOffset, 5).getUint32(1);
        if (buf.length < 5 + len) break;
        const flag = buf[0];
        const payload = buf.subarray(5, 5 + len);
        if (flag & 0x80) {
          trailers = parseTrailers(new TextDecoder().decode(payload));
        } else {
          if (bytes0) {
            // the message's own bytes, for a reader of the wire format (the fleet stream)
            onMessage(payload, 0);
          } else {
            const t0 = performance.now();
            const decoded = m.res.decode(payload);
            const message = raw ? decoded : m.res.toObject(decoded, conversion);
            onMessage(message, performance.now() - t0);
          }
        }
        buf = buf.slice(5 + len);
      }
    }
    const status = trailers ? trailers['grpc-status'] : headerStatus;
    if (status !== undefined && status !== null && status !== '0') {
      throw new CallError(Number(status), decodeURIComponent(trailers['grpc-message'] || ''),
        trailers['bluelamp-error-field']);
    }
  }
}

function concat(a, b) {
  if (a.length === 0) return b;
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}

function parseTrailers(text) {
  const t = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) t[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return t;
}
