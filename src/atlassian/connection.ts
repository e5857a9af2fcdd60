/**
 * How the gateway reaches one Atlassian target: keep-alive agents carrying the TLS settings (verification,
 * extra CAs, an mTLS client certificate), an optional proxy, and an optional guarded DNS lookup for targets
 * that come from requests rather than from the operator.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import type { InstanceConfig, ProxyConfig } from '../config/schema.js';
import { PinnedHttpProxyAgent, PinnedHttpsProxyAgent } from './pinned-proxy.js';

export interface TlsSettings {
  verify: boolean;
  /** PEM file of extra CAs, trusted alongside the system ones. */
  caBundle?: string;
  clientCert?: string;
  clientKey?: string;
  clientKeyPassword?: string;
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export interface AgentOptions {
  tls: TlsSettings;
  /** Proxy URL, or undefined to connect directly. */
  proxy?: string;
  /** Replaces DNS resolution (the SSRF guard checks every address it resolves). */
  lookup?: LookupFunction;
  maxSockets?: number;
}

/** The certificate files are read once, here; a missing file was already reported by the config loader. */
export function tlsOptions(settings: TlsSettings): https.AgentOptions {
  return {
    rejectUnauthorized: settings.verify,
    ...(settings.caBundle ? { ca: [...tls.rootCertificates, readFileSync(settings.caBundle, 'utf8')] } : {}),
    ...(settings.clientCert ? { cert: readFileSync(settings.clientCert, 'utf8') } : {}),
    ...(settings.clientKey ? { key: readFileSync(settings.clientKey, 'utf8') } : {}),
    ...(settings.clientKeyPassword ? { passphrase: settings.clientKeyPassword } : {}),
  };
}

export function createAgents(options: AgentOptions): Agents {
  const common = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
  const secure = { ...common, ...tlsOptions(options.tls) };
  if (options.proxy && options.lookup) {
    // The proxy would resolve the name itself, past the guard: tunnel to the address the guard checked.
    return {
      http: new PinnedHttpProxyAgent({ ...common, proxy: options.proxy }, options.lookup),
      https: new PinnedHttpsProxyAgent({ ...secure, proxy: options.proxy }, options.lookup),
    };
  }
  if (options.proxy) {
    return {
      http: new HttpProxyAgent({ ...common, proxy: options.proxy }),
      https: new HttpsProxyAgent({ ...secure, proxy: options.proxy }),
    };
  }
  return { http: new http.Agent(common), https: new https.Agent(secure) };
}

export function destroyAgents(agents: Agents): void {
  agents.http.destroy();
  agents.https.destroy();
}

/** The instance's own proxy (or `none`), else HTTP(S)_PROXY unless NO_PROXY names the host. */
export function proxyFor(url: string, instanceProxy: string | undefined, global: ProxyConfig): string | undefined {
  if (instanceProxy === 'none') return undefined;
  if (instanceProxy) return instanceProxy;
  const target = new URL(url);
  if (bypassesProxy(target, global.no_proxy ?? [])) return undefined;
  return target.protocol === 'https:' ? (global.https ?? global.http) : global.http;
}

/** NO_PROXY as curl reads it: `*`, exact hosts, domain suffixes (`.example.com` or `example.com`), optional `:port`. */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    const rule = entry.trim().toLowerCase();
    if (rule === '*') return true;
    // `[::1]:8080` and `host:8080` carry a port; a bare IPv6 address (`::1`) does not.
    const match =
      /^\[(.+)\](?::(\d+))?$/.exec(rule) ??
      (rule.split(':').length > 2 ? [rule, rule] : /^(.*?)(?::(\d+))?$/.exec(rule)!);
    const ruleHost = match[1].replace(/^\*?\./, '');
    if (match[2] && match[2] !== port) return false;
    return host === ruleHost || host.endsWith(`.${ruleHost}`);
  });
}

/** TLS settings of a configured instance: its own CA bundle, else the gateway-wide one. */
export function instanceTls(instance: InstanceConfig, globalCaBundle: string | undefined): TlsSettings {
  return {
    verify: instance.ssl_verify,
    caBundle: instance.ca_bundle ?? globalCaBundle,
    clientCert: instance.client_cert,
    clientKey: instance.client_key,
    clientKeyPassword: instance.client_key_password,
  };
}
