import { metadata, type Volume } from './common.js';
import type { RenderContext, TlsPlan } from './context.js';
import type { K8sObject } from './types.js';

/** Where the certificate Secret is mounted (read-only) in the container that terminates TLS. */
export const TLS_DIR = '/etc/tls';

/**
 * The certificate Secret as a read-only volume. 0440 with the pod's fsGroup: the non-root server
 * reads the key, nobody else in the container does.
 */
export function tlsVolume(plan: TlsPlan): Volume {
  return {
    volume: { name: 'tls', secret: { secretName: plan.secretName, defaultMode: 0o440 } },
    mount: { name: 'tls', mountPath: TLS_DIR, readOnly: true },
  };
}

/** The names a client may use for the Service, so that hostname verification succeeds. */
function dnsNames(ctx: RenderContext, service: string): string[] {
  if (!ctx.namespace) return [service];
  const ns = ctx.namespace;
  return [
    service,
    `${service}.${ns}`,
    `${service}.${ns}.svc`,
    `${service}.${ns}.svc.cluster.local`,
  ];
}

/**
 * The cert-manager objects that produce the Secret: a `Certificate` for the Service's names, plus a
 * self-signed `Issuer` when the request named no issuer (cert-manager.io/v1; see
 * https://cert-manager.io/docs/usage/certificate/). Nothing when the Secret is the caller's.
 */
export function tlsObjects(ctx: RenderContext, service: string): K8sObject[] {
  const plan = ctx.tls;
  if (!plan || plan.source.kind === 'existing') return [];
  const selfSigned = plan.source.kind === 'self-signed';
  const issuerRef = selfSigned
    ? { name: `${ctx.name}-selfsigned`, kind: 'Issuer', group: 'cert-manager.io' }
    : {
        name: (plan.source as { name: string }).name,
        kind: (plan.source as { issuerKind: string }).issuerKind,
        group: 'cert-manager.io',
      };
  const objects: K8sObject[] = [];
  if (selfSigned) {
    objects.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: metadata(ctx, issuerRef.name, 'tls'),
      spec: { selfSigned: {} },
    });
  }
  objects.push({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: metadata(ctx, `${ctx.name}-tls`, 'tls'),
    spec: {
      secretName: plan.secretName,
      dnsNames: dnsNames(ctx, service),
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['server auth', 'digital signature', 'key encipherment'],
      issuerRef,
    },
  });
  return objects;
}

/** What the caller must know about where the certificate comes from. */
export function tlsNotes(ctx: RenderContext, who: string): void {
  const plan = ctx.tls;
  if (!plan) return;
  const mounted = `${who} serves TLS with the certificate of the Secret ${plan.secretName} (tls.crt, tls.key), mounted read-only at ${TLS_DIR}.`;
  switch (plan.source.kind) {
    case 'self-signed':
      ctx.notes.push(
        mounted,
        `cert-manager must be installed: the Certificate ${ctx.name}-tls is signed by the self-signed Issuer ${ctx.name}-selfsigned, so clients must trust its ca.crt; name your CA with options.tls.issuer for certificates clients already trust.`,
      );
      break;
    case 'issuer':
      ctx.notes.push(
        mounted,
        `cert-manager must be installed: the Certificate ${ctx.name}-tls asks the ${plan.source.issuerKind} ${plan.source.name} for the Secret and renews it.`,
      );
      break;
    case 'existing':
      ctx.notes.push(
        mounted,
        `The Secret ${plan.secretName} is not part of this bundle: it must exist (type kubernetes.io/tls) before the pods can start; podwire's validator reports it as reference/secret-missing unless you validate with scope partial.`,
      );
  }
}
