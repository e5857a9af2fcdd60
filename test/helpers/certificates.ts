/** A fresh self-signed certificate for a loopback server, made with openssl (Debian has it), valid for a day. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface CertificateFiles {
  keyFile: string;
  certFile: string;
}

/** Writes `key.pem` and `cert.pem` into `dir`, for 127.0.0.1 (the name and the address clients check). */
export function selfSignedCertificate(dir: string): CertificateFiles {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { keyFile, certFile };
}
