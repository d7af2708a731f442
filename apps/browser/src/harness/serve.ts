import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page served on 127.0.0.1; `close` stops the server. */
export interface ServedPage {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves one page on a free port of 127.0.0.1: `/` is an HTML document that loads `/page.js`,
 * the given module. Everything else is a 404.
 */
export async function servePage(script: string, title = 'lab'): Promise<ServedPage> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><script type="module" src="/page.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const [type, body] =
      request.url === '/' ? ['text/html', html] : request.url === '/page.js' ? ['text/javascript', script] : ['text/plain', 'not found'];
    response.writeHead(body === 'not found' ? 404 : 200, { 'content-type': `${type}; charset=utf-8` });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
