// A minimal HTTP/1.1 client over node:net for tests/stack/fuzz.mjs. fetch and node:http refuse or
// rewrite exactly what the fuzzer needs to send (NUL in headers, dot segments, broken percent-encoding,
// duplicate headers), so the request line and headers go on the wire verbatim, one connection per
// request ("Connection: close"). The response is parsed by Content-Length, chunked encoding or close.
import net from 'node:net';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Sends one request and never rejects.
 * @param {string} origin  e.g. http://127.0.0.1:8080
 * @param {object} req
 * @param {string} req.method
 * @param {string} req.target   raw request target (path and query), sent as is
 * @param {Array<[string,string]>} [req.headers]  sent in order, duplicates allowed
 * @param {Buffer} [req.body]
 * @param {boolean} [req.chunked]  send the body with Transfer-Encoding: chunked instead of Content-Length
 * @param {number} [req.timeoutMs]
 * @returns {Promise<{status?:number, headers?:Record<string,string>, body?:string, error?:string}>}
 */
export function rawRequest(origin, { method, target, headers = [], body, chunked = false, timeoutMs = 30_000 }) {
  const url = new URL(origin);
  const port = Number(url.port) || 80;
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  let payload;
  if (body !== undefined) {
    if (chunked) {
      lines.push('Transfer-Encoding: chunked');
      const parts = [];
      for (let off = 0; off < body.length; off += 64 * 1024) {
        const piece = body.subarray(off, off + 64 * 1024);
        parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, CRLF);
      }
      parts.push(Buffer.from('0\r\n\r\n'));
      payload = Buffer.concat(parts);
    } else {
      lines.push(`Content-Length: ${body.length}`);
      payload = body;
    }
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

  return new Promise((resolve) => {
    const received = [];
    let settled = false;
    let socketError;
    const socket = net.connect({ host: url.hostname, port });
    const timer = setTimeout(() => settle(parse(true, `no complete response within ${timeoutMs} ms`)), timeoutMs);

    function settle(result) {
      if (settled || !result) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }

    function parse(closed, why) {
      const buf = Buffer.concat(received);
      const res = parseResponse(buf, method);
      if (res?.complete) return res;
      if (!closed) return undefined;
      if (res?.status) return { ...res, error: `truncated response (${why})` };
      return { error: `no HTTP response (${why})` };
    }

    socket.on('connect', () => {
      socket.write(head);
      if (payload) socket.write(payload);
    });
    socket.on('data', (d) => {
      received.push(d);
      settle(parse(false));
    });
    socket.on('error', (err) => {
      socketError = err.code || err.message;
    });
    socket.on('close', () => settle(parse(true, socketError || 'connection closed')));
  });
}

/** Parses the last final (non-1xx) response in buf; `complete` once its body is entirely there. */
function parseResponse(buf, method) {
  let start = 0;
  for (;;) {
    const end = buf.indexOf(HEAD_END, start);
    if (end < 0) return undefined;
    const headLines = buf.subarray(start, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(headLines[0]);
    if (!m) return { status: 0, headers: {}, body: buf.toString('utf8'), complete: true, error: 'not an HTTP response' };
    const status = Number(m[1]);
    const headers = {};
    for (const line of headLines.slice(1)) {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      const name = line.slice(0, i).trim().toLowerCase();
      const value = line.slice(i + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const bodyStart = end + 4;
    if (status >= 100 && status < 200) {
      start = bodyStart; // 100 Continue, 103 Early Hints: the real answer follows
      continue;
    }
    const rest = buf.subarray(bodyStart);
    const done = (bytes) => ({ status, headers, body: bytes.toString('utf8'), complete: true });
    if (method === 'HEAD' || status === 204 || status === 304) return done(Buffer.alloc(0));
    if (/\bchunked\b/i.test(headers['transfer-encoding'] || '')) {
      const decoded = dechunk(rest);
      return decoded ? done(decoded) : { status, headers, body: rest.toString('utf8'), complete: false };
    }
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (rest.length >= length) return done(rest.subarray(0, length));
      return { status, headers, body: rest.toString('utf8'), complete: false };
    }
    return { status, headers, body: rest.toString('utf8'), complete: false }; // ends with the connection
  }
}

/** The decoded body once the terminating zero-size chunk has arrived, otherwise undefined. */
function dechunk(buf) {
  const parts = [];
  let pos = 0;
  for (;;) {
    const lineEnd = buf.indexOf(CRLF, pos);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1').split(';')[0], 16);
    if (Number.isNaN(size)) return undefined;
    const dataStart = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (buf.length < dataStart + size + 2) return undefined;
    parts.push(buf.subarray(dataStart, dataStart + size));
    pos = dataStart + size + 2;
  }
}
