/** Serves JSON documents over HTTPS on loopback with a fresh self-signed certificate (Client ID Metadata Documents). */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';
import { selfSignedCertificate } from './certificates.js';

export interface DocumentServer {
  url: string;
  /** The certificate to trust (a `ca_bundle` file). */
  certFile: string;
  /** What each path answers; change it at will. */
  documents: Map<string, string>;
}

export async function serveDocuments(t: Test): Promise<DocumentServer> {
  const { keyFile, certFile } = selfSignedCertificate(t.testdir());
  const documents = new Map<string, string>();
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const body = documents.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, certFile, documents };
}
