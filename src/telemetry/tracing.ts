/**
 * OpenTelemetry traces over OTLP/HTTP (JSON), on when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: a server span per tool call, continuing the caller's W3C trace
 * when it sent a `traceparent`, and a client span per upstream request whose `traceparent` goes to Atlassian.
 * Contexts are passed by hand (no global context manager), and this module, with the SDK, is imported only when
 * tracing is on (telemetry.ts), so a gateway without it loads none of it.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { CallSpan, RetryRecord, TraceParent, UpstreamSpan } from './events.js';

const propagator = new W3CTraceContextPropagator();
const getter = {
  keys: (carrier: TraceParent) => Object.keys(carrier),
  get: (carrier: TraceParent, key: string) => carrier[key as keyof TraceParent],
};
const setter = { set: (carrier: Record<string, string>, key: string, value: string) => (carrier[key] = value) };

export class GatewayTracing {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(url: string, version: string, serviceName = 'atlassian-mcp-gateway') {
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': version }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    this.tracer = this.provider.getTracer('atlassian-mcp-gateway', version);
  }

  /** The span of a tool call, child of the caller's trace when `parent` holds a valid `traceparent`. */
  startCall(labels: { instance: string; tool: string }, parent: TraceParent): CallSpan {
    const parentContext: Context = parent.traceparent ? propagator.extract(ROOT_CONTEXT, parent, getter) : ROOT_CONTEXT;
    const span = this.tracer.startSpan(
      `tools/call ${labels.tool}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': labels.tool,
          'gateway.instance': labels.instance,
        },
      },
      parentContext,
    );
    const callContext = trace.setSpan(parentContext, span);
    const tracer = this.tracer;
    return {
      upstream({ method, path }): UpstreamSpan {
        const child = tracer.startSpan(
          method,
          {
            kind: SpanKind.CLIENT,
            attributes: { 'http.request.method': method, 'url.path': path, 'gateway.instance': labels.instance },
          },
          callContext,
        );
        const headers: Record<string, string> = {};
        propagator.inject(trace.setSpan(callContext, child), headers, setter);
        return {
          headers,
          done(outcome) {
            if (typeof outcome === 'number') child.setAttribute('http.response.status_code', outcome);
            else child.setAttribute('error.type', outcome);
            if (typeof outcome !== 'number' || outcome >= 400) child.setStatus({ code: SpanStatusCode.ERROR });
            child.end();
          },
        };
      },
      retry({ status, waitSeconds }: RetryRecord) {
        span.addEvent('retry', {
          ...(status !== undefined ? { 'http.response.status_code': status } : {}),
          'retry.wait_seconds': waitSeconds,
        });
      },
      end(ok) {
        if (!ok) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    };
  }

  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
