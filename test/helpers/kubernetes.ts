/**
 * Validates Kubernetes objects against the JSON schemas generated from Kubernetes' own OpenAPI document (the
 * kubernetes-models package compiles them, for Kubernetes 1.27), strictly: a field the schema of its object does
 * not declare is reported too, as `kubectl apply --validate=strict` would.
 *
 * Strictness works by watching which fields the compiled validator reads: it reads every field its schema declares
 * and walks every key of a map (labels, data, resources), so a field it never touched is one the schema lacks.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';

interface Validating {
  prototype: { validate(this: unknown): void };
}

const MODELS: Readonly<Record<string, Validating>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Every problem with one object: unknown kind, schema errors, and fields its schema does not declare. */
export function validateObject(object: Record<string, unknown>): string[] {
  const kind = `${String(object.apiVersion)}/${String(object.kind)}`;
  const model = MODELS[kind];
  if (!model) return [`${kind}: no schema known for this kind`];
  const reads = new Map<string, Set<string>>();
  const walked = new Set<string>();
  try {
    model.prototype.validate.call(watch(object, '', reads, walked));
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (!errors) throw error;
    return errors.map((entry) => `${kind} ${entry.instancePath || '/'}: ${entry.message ?? 'invalid'}`);
  }
  return undeclared(object, '', reads, walked).map((path) => `${kind} ${path}: field not declared by the schema`);
}

const proxies = new WeakMap<object, unknown>();

function watch(value: unknown, path: string, reads: Map<string, Set<string>>, walked: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const cached = proxies.get(value);
  if (cached) return cached;
  const read = reads.get(path) ?? new Set<string>();
  reads.set(path, read);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const item = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || !Object.hasOwn(target, key)) return item;
      read.add(key);
      return watch(item, `${path}/${key}`, reads, walked);
    },
    has(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      walked.add(path);
      return Reflect.ownKeys(target);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

function undeclared(value: unknown, path: string, reads: Map<string, Set<string>>, walked: Set<string>): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  const read = reads.get(path) ?? new Set<string>();
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (!Array.isArray(value) && !walked.has(path) && !read.has(key)) found.push(at);
    else found.push(...undeclared(item, at, reads, walked));
  }
  return found;
}
