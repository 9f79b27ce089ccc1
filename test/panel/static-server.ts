/**
 * A loopback HTTP server for the harness page: serves files under `root`, with
 * `overrides` mapping URL prefixes to other folders (the freshly built bundle).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, overrides: Record<string, string> = {}): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let base = root;
    let rest = urlPath;
    for (const [prefix, dir] of Object.entries(overrides)) {
      if (urlPath.startsWith(prefix)) {
        base = dir;
        rest = urlPath.slice(prefix.length);
      }
    }
    const file = path.resolve(base, `.${path.posix.normalize(`/${rest}`)}`);
    if (!file.startsWith(path.resolve(base)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}
