/**
 * Serves a built viewer (viewer/dist) at /: a file when the path names one, else index.html, so the
 * viewer's own routes work on reload. Paths are resolved inside the directory only.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('the viewer is read with GET\n');
    return;
  }
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  } catch {
    relative = '';
  }
  let file = join(dir, relative);
  if (relative === '' || relative.startsWith('..') || !(file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) || !(await isFile(file))) {
    file = join(dir, 'index.html');
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': data.length });
  res.end(req.method === 'HEAD' ? undefined : data);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
