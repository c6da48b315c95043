import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../types.js';
import { DEFAULT_KUBERNETES_RELEASE, KUBERNETES_RELEASES } from '../../../kubernetes/releases.js';
import { kubernetesSchemas } from '../../../kubernetes/schemas/schema-store.js';
import { hasSchema as hasSchemaAt, schemaIssues as issuesAt, type SchemaIssue } from './index.js';

const R = DEFAULT_KUBERNETES_RELEASE;
const hasSchema = (apiVersion: string, kind: string) => hasSchemaAt(apiVersion, kind, R);
const schemaIssues = (obj: ManifestObject) => issuesAt(obj, R);
const apiVersionsForKind = (kind: string) => kubernetesSchemas().apiVersionsOf(kind, R);

/** YAML 1.1 like the engine's parser (and Kubernetes' sigs.k8s.io/yaml). */
function object(yaml: string): ManifestObject {
  const raw = parse(yaml, { version: '1.1' }) as Record<string, unknown>;
  return { ref: { documentIndex: 0 }, basePath: [], raw, key: '', line: 1 };
}

function issues(yaml: string): Array<Pick<SchemaIssue, 'ruleId' | 'path' | 'at'>> {
  return schemaIssues(object(yaml)).map(({ ruleId, path, at }) =>
    at ? { ruleId, path, at } : { ruleId, path },
  );
}

function messages(yaml: string): string[] {
  return schemaIssues(object(yaml)).map((issue) => issue.message);
}

/** A valid Deployment whose pod spec is replaced by `podSpec` (indented for `template.spec`). */
function deployment(podSpec: string, extraSpec = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2${extraSpec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${podSpec}`;
}

const CONTAINER = `      containers:
      - name: app
        image: nginx:1.27
`;

function container(fields: string): string {
  return deployment(`      containers:
      - name: app
        image: nginx:1.27
${fields}`);
}

const C = ['spec', 'template', 'spec', 'containers', 0];

function service(ports: string, extra = ''): string {
  return `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}${extra}
  ports:
${ports}`;
}

describe('hasSchema', () => {
  it('knows the built-in kinds podwire validates, by apiVersion', () => {
    expect(hasSchema('apps/v1', 'Deployment')).toBe(true);
    expect(hasSchema('v1', 'Pod')).toBe(true);
    expect(hasSchema('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe(true);
    expect(hasSchema('autoscaling/v1', 'HorizontalPodAutoscaler')).toBe(true);
    expect(hasSchema('v1', 'ReplicationController')).toBe(true);
    expect(hasSchema('v1', 'LimitRange')).toBe(true);
    expect(hasSchema('rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe(true);
  });

  it('has no schema for removed apiVersions, CRDs and lists', () => {
    expect(hasSchema('apps/v1beta1', 'Deployment')).toBe(false);
    expect(hasSchema('extensions/v1beta1', 'Ingress')).toBe(false);
    expect(hasSchema('sagemaker.aws.amazon.com/v1', 'TrainingJob')).toBe(false);
    expect(hasSchema('v1', 'List')).toBe(false);
    expect(hasSchema('v1', 'toString')).toBe(false);
    expect(hasSchema('__proto__', 'Pod')).toBe(false);
  });

  it('lists the apiVersions of a kind', () => {
    expect([...apiVersionsForKind('HorizontalPodAutoscaler')].sort()).toEqual([
      'autoscaling/v1',
      'autoscaling/v2',
    ]);
    expect(apiVersionsForKind('Deployment')).toEqual(['apps/v1']);
    expect(apiVersionsForKind('TrainingJob')).toEqual([]);
  });
});

describe('schemaIssues', () => {
  it('accepts a complete, valid Deployment', () => {
    const yaml = deployment(
      `      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      initContainers:
      - name: envoy
        image: envoyproxy/envoy:v1.31.0
        restartPolicy: Always
        ports: [{name: http, containerPort: 8080, protocol: TCP}]
      containers:
      - name: app
        image: registry.example.com/web:1.0
        imagePullPolicy: IfNotPresent
        env: [{name: A, value: "1"}, {name: B, valueFrom: {secretKeyRef: {name: s, key: k}}}]
        ports: [{containerPort: 3000}]
        readinessProbe: {httpGet: {path: /ready, port: app}, periodSeconds: 5}
        livenessProbe: {tcpSocket: {port: 3000}}
        resources: {requests: {cpu: 100m, memory: 1.5Gi}, limits: {cpu: 1, memory: 2e9}}
      volumes:
      - name: tmp
        emptyDir: {sizeLimit: 64Mi, medium: Memory}
      tolerations: [{key: k, operator: Exists, effect: NoSchedule}]`,
      `
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}`,
    );
    expect(issues(yaml)).toEqual([]);
  });

  it('reports replicas: "3" as invalid-type at spec.replicas, naming the expected type and the value', () => {
    const yaml = deployment(CONTAINER).replace('replicas: 2', 'replicas: "3"');
    expect(issues(yaml)).toEqual([{ ruleId: 'schema/invalid-type', path: ['spec', 'replicas'] }]);
    expect(messages(yaml)).toEqual(['spec.replicas must be an integer, got the string "3"']);
  });

  it('reports containerPort: "80" as invalid-type', () => {
    const yaml = container('        ports: [{containerPort: "80"}]');
    expect(issues(yaml)).toEqual([
      { ruleId: 'schema/invalid-type', path: [...C, 'ports', 0, 'containerPort'] },
    ]);
  });

  it('reports a fractional integer and a string boolean as invalid-type', () => {
    const yaml = container('        stdin: "true"\n        terminationMessagePath: 5').replace(
      'replicas: 2',
      'replicas: 1.5',
    );
    expect(issues(yaml)).toEqual([
      { ruleId: 'schema/invalid-type', path: ['spec', 'replicas'] },
      { ruleId: 'schema/invalid-type', path: [...C, 'stdin'] },
      { ruleId: 'schema/invalid-type', path: [...C, 'terminationMessagePath'] },
    ]);
    expect(messages(yaml)).toContain('spec.replicas must be an integer, got the number 1.5');
    expect(messages(yaml)).toContain(
      'spec.template.spec.containers[0].stdin must be a boolean (true or false), got the string "true"',
    );
  });

  it('offers the typed value when the text means it: "3" → 3, "true" → true, 1.0 → "1.0"', () => {
    const yaml = container(
      [
        '        stdin: "true"',
        '        ports:',
        '        - containerPort: "8080"',
        '        - containerPort: "70000"',
        '        - containerPort: "08"',
        '        env:',
        '        - name: A',
        '          value: 1.0',
      ].join('\n'),
    ).replace('replicas: 2', 'replicas: "three"');
    expect(schemaIssues(object(yaml)).map(({ path, fix }) => ({ path, fix }))).toEqual([
      { path: ['spec', 'replicas'], fix: undefined },
      { path: [...C, 'stdin'], fix: { value: true } },
      { path: [...C, 'ports', 0, 'containerPort'], fix: { value: 8080 } },
      // Out of range once a number, and a leading zero: no guess.
      { path: [...C, 'ports', 1, 'containerPort'], fix: undefined },
      { path: [...C, 'ports', 2, 'containerPort'], fix: undefined },
      { path: [...C, 'env', 0, 'value'], fix: { quote: true } },
    ]);
  });

  it('offers the one enum value a typo or a case slip meant, none when two are as close', () => {
    const fix = (type: string) =>
      schemaIssues(
        object(
          `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ${type}\n  ports:\n    - port: 80`,
        ),
      ).map((issue) => issue.fix);
    expect(fix('Nodeport')).toEqual([{ value: 'NodePort' }]);
    expect(fix('LoadBalancr')).toEqual([{ value: 'LoadBalancer' }]);
    expect(fix('Internal')).toEqual([undefined]);
  });

  it('reports an unknown container field at its key, suggesting the right one', () => {
    const yaml = container('        imagePullPolice: Always');
    expect(issues(yaml)).toEqual([
      { ruleId: 'schema/unknown-field', path: [...C, 'imagePullPolice'], at: 'key' },
    ]);
    expect(messages(yaml)).toEqual([
      'unknown field "imagePullPolice" in spec.template.spec.containers[0] (Container); did you mean "imagePullPolicy"?',
    ]);
  });

  it('reports unknown fields at every level: top, spec, metadata, nested', () => {
    const yaml = `apiVersion: v1
kind: ReplicationController
metadata:
  name: bob
  lables: {app: nginx}
specs: {}
spec:
  replicas: 1
  selector: {app: nginx}
  templates: {}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx
        resources: {limits: {memory: 1Gi}, limit: {}}
`;
    expect(issues(yaml)).toEqual([
      { ruleId: 'schema/unknown-field', path: ['metadata', 'lables'], at: 'key' },
      { ruleId: 'schema/unknown-field', path: ['specs'], at: 'key' },
      { ruleId: 'schema/unknown-field', path: ['spec', 'templates'], at: 'key' },
      {
        ruleId: 'schema/unknown-field',
        path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limit'],
        at: 'key',
      },
    ]);
    expect(messages(yaml)[1]).toBe(
      'unknown field "specs" (ReplicationController); did you mean "spec"?',
    );
    expect(messages(yaml)[2]).toBe(
      'unknown field "templates" in spec (ReplicationControllerSpec); did you mean "template"?',
    );
  });

  it('does not guess when no field is close', () => {
    expect(messages(container('        sidecarMode: true'))).toEqual([
      'unknown field "sidecarMode" in spec.template.spec.containers[0] (Container)',
    ]);
  });

  describe('int-or-string', () => {
    it('accepts numbers and names for targetPort, probe ports and maxSurge', () => {
      expect(
        issues(
          service('  - {port: 80, targetPort: 8080}\n  - {name: b, port: 81, targetPort: http}'),
        ),
      ).toEqual([]);
      expect(
        issues(
          deployment(
            CONTAINER,
            '\n  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}',
          ),
        ),
      ).toEqual([]);
    });

    it('rejects fractions, booleans and objects', () => {
      const yaml = service(
        '  - {port: 80, targetPort: 80.5}\n  - {port: 81, targetPort: true}\n  - {port: 82, targetPort: {a: 1}}',
      );
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/invalid-type', path: ['spec', 'ports', 0, 'targetPort'] },
        { ruleId: 'schema/invalid-type', path: ['spec', 'ports', 1, 'targetPort'] },
        { ruleId: 'schema/invalid-type', path: ['spec', 'ports', 2, 'targetPort'] },
      ]);
      expect(messages(yaml)[1]).toBe(
        'spec.ports[1].targetPort must be an integer or a string, got the boolean true',
      );
    });
  });

  describe('quantities', () => {
    it('accepts strings in the quantity grammar and plain numbers', () => {
      const yaml = container(
        '        resources: {requests: {cpu: 100m, memory: "1e3", ephemeral-storage: 1.5Gi}, limits: {cpu: 2, memory: 0.5}}',
      );
      expect(issues(yaml)).toEqual([]);
    });

    it('rejects 1.5Gb and other malformed quantities as invalid-value, booleans as invalid-type', () => {
      const yaml = container(
        '        resources: {requests: {memory: 1.5Gb, cpu: "1 core"}, limits: {cpu: true}}',
      );
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/invalid-value', path: [...C, 'resources', 'requests', 'memory'] },
        { ruleId: 'schema/invalid-value', path: [...C, 'resources', 'requests', 'cpu'] },
        { ruleId: 'schema/invalid-type', path: [...C, 'resources', 'limits', 'cpu'] },
      ]);
      expect(messages(yaml)[0]).toMatch(
        /^spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory must be a quantity such as "128Mi".* got "1\.5Gb"$/,
      );
    });

    it('checks quantities in LimitRange and PVC storage requests', () => {
      expect(
        issues(`apiVersion: v1
kind: LimitRange
metadata: {name: mem}
spec:
  limits:
  - type: Container
    default: {memory: 512Mi}
    defaultRequest: {memory: 256000}
    max: {memory: 1GB}
`),
      ).toEqual([{ ruleId: 'schema/invalid-value', path: ['spec', 'limits', 0, 'max', 'memory'] }]);
      expect(
        issues(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
`),
      ).toEqual([]);
    });
  });

  describe('null', () => {
    it('accepts null for optional fields, as kubeconform does (null_string, null_array)', () => {
      expect(
        issues(`apiVersion: v1
kind: Service
metadata:
  name: frontend
  creationTimestamp: null
  annotations: {a: null}
spec:
  ports: [{name: "80", port: 80, targetPort: 80}]
  selector: {app: frontend}
  type: LoadBalancer
  externalIPs:
status:
  loadBalancer: {}
`),
      ).toEqual([]);
      expect(issues(container('        args:\n        command: [sh, null]'))).toEqual([]);
    });

    it('reports null for a required field as missing-required', () => {
      const yaml = deployment('      containers:\n      - name: null\n        image: nginx');
      expect(issues(yaml)).toEqual([{ ruleId: 'schema/missing-required', path: [...C, 'name'] }]);
      expect(messages(yaml)).toEqual([
        'spec.template.spec.containers[0].name is required (Container) but is null',
      ]);
      expect(issues(deployment('      containers:'))).toEqual([
        { ruleId: 'schema/missing-required', path: ['spec', 'template', 'spec', 'containers'] },
      ]);
    });

    it('reports a null entry in a list of objects as invalid-type', () => {
      expect(
        issues(deployment('      containers:\n      -\n      - name: a\n        image: b')),
      ).toEqual([{ ruleId: 'schema/invalid-type', path: [...C] }]);
    });
  });

  describe('required fields', () => {
    it('reports a container without name and image at the container', () => {
      const yaml = deployment('      containers:\n      - imagePullPolicy: Always');
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/missing-required', path: [...C, 'name'] },
        { ruleId: 'schema/missing-required', path: [...C, 'image'] },
      ]);
      expect(messages(yaml)).toEqual([
        'spec.template.spec.containers[0].name is required (Container)',
        'spec.template.spec.containers[0].image is required (Container)',
      ]);
    });

    it('requires image in init containers and plain Pods too (the API server rejects an empty image)', () => {
      expect(
        issues(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init}]
  containers: [{name: app, image: nginx}]
`),
      ).toEqual([
        { ruleId: 'schema/missing-required', path: ['spec', 'initContainers', 0, 'image'] },
      ]);
    });

    it('names the missing field in the path', () => {
      const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: a, image: b}]}
`;
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/missing-required', path: ['spec', 'selector'] },
      ]);
      expect(messages(yaml)).toEqual(['spec.selector is required (DeploymentSpec)']);
    });

    it('requires containerPort in a port entry and port in a Service port', () => {
      expect(issues(container('        ports: [{name: http}]'))).toEqual([
        { ruleId: 'schema/missing-required', path: [...C, 'ports', 0, 'containerPort'] },
      ]);
      expect(issues(service('  - {name: http, targetPort: 80}'))).toEqual([
        { ruleId: 'schema/missing-required', path: ['spec', 'ports', 0, 'port'] },
      ]);
    });
  });

  describe('enums', () => {
    it('reports values outside the allowed set, listing the allowed ones', () => {
      const yaml = service('  - {port: 80, protocol: tcp}', '\n  type: Nodeport');
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/invalid-value', path: ['spec', 'type'] },
        { ruleId: 'schema/invalid-value', path: ['spec', 'ports', 0, 'protocol'] },
      ]);
      expect(messages(yaml)).toEqual([
        'spec.type must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"; got "Nodeport"',
        'spec.ports[0].protocol must be one of "TCP", "UDP", "SCTP"; got "tcp"',
      ]);
    });

    it('checks enums of list items and of pod, container and workload fields', () => {
      expect(
        issues(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce, ReadWriteMany, RWX]
  resources: {requests: {storage: 1Gi}}
`),
      ).toEqual([{ ruleId: 'schema/invalid-value', path: ['spec', 'accessModes', 2] }]);
      expect(
        issues(
          deployment(
            '      restartPolicy: Sometimes\n      containers:\n      - {name: a, image: b, imagePullPolicy: always}',
            '\n  strategy: {type: BlueGreen}',
          ),
        ),
      ).toEqual([
        { ruleId: 'schema/invalid-value', path: ['spec', 'strategy', 'type'] },
        { ruleId: 'schema/invalid-value', path: ['spec', 'template', 'spec', 'restartPolicy'] },
        { ruleId: 'schema/invalid-value', path: [...C, 'imagePullPolicy'] },
      ]);
    });
  });

  describe('port ranges', () => {
    it('rejects container, Service and probe ports outside 1-65535', () => {
      expect(
        issues(
          container(
            '        ports: [{containerPort: 0}, {containerPort: 70000}, {containerPort: 80, hostPort: 0}, {containerPort: 81, hostPort: 65536}]\n' +
              '        livenessProbe: {httpGet: {port: 0}}',
          ),
        ),
      ).toEqual([
        { ruleId: 'schema/invalid-value', path: [...C, 'ports', 0, 'containerPort'] },
        { ruleId: 'schema/invalid-value', path: [...C, 'ports', 1, 'containerPort'] },
        { ruleId: 'schema/invalid-value', path: [...C, 'ports', 3, 'hostPort'] },
        { ruleId: 'schema/invalid-value', path: [...C, 'livenessProbe', 'httpGet', 'port'] },
      ]);
      const yaml = service(
        '  - {port: 0}\n  - {port: 80, targetPort: 70000}\n  - {port: 81, targetPort: 0, nodePort: -1}',
      );
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/invalid-value', path: ['spec', 'ports', 0, 'port'] },
        { ruleId: 'schema/invalid-value', path: ['spec', 'ports', 1, 'targetPort'] },
        { ruleId: 'schema/invalid-value', path: ['spec', 'ports', 2, 'nodePort'] },
      ]);
      expect(messages(yaml)[1]).toBe(
        'spec.ports[1].targetPort must be between 0 and 65535, got 70000',
      );
    });

    it('rejects integers that do not fit int32', () => {
      expect(issues(deployment(CONTAINER).replace('replicas: 2', 'replicas: 3000000000'))).toEqual([
        { ruleId: 'schema/invalid-value', path: ['spec', 'replicas'] },
      ]);
    });
  });

  describe('maps, metadata and formats', () => {
    it('requires string label and annotation values (YAML 1.1 turns yes and 1.0 into other types)', () => {
      const yaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels: {version: 1.0, enabled: yes, app: web}
  annotations: [a]
data: {port: 8080, host: db}
`;
      expect(issues(yaml)).toEqual([
        { ruleId: 'schema/invalid-type', path: ['metadata', 'labels', 'version'] },
        { ruleId: 'schema/invalid-type', path: ['metadata', 'labels', 'enabled'] },
        { ruleId: 'schema/invalid-type', path: ['metadata', 'annotations'] },
        { ruleId: 'schema/invalid-type', path: ['data', 'port'] },
      ]);
      expect(messages(yaml)[1]).toBe(
        'metadata.labels.enabled must be a string, got the boolean true',
      );
      expect(messages(yaml)[2]).toBe('metadata.annotations must be a map, got an array');
    });

    it('requires base64 in Secret data but not in stringData', () => {
      const yaml = `apiVersion: v1
kind: Secret
metadata: {name: s}
type: Opaque
data: {ok: cGFzc3dvcmQ=, bad: hunter2!}
stringData: {plain: hunter2!}
`;
      expect(issues(yaml)).toEqual([{ ruleId: 'schema/invalid-value', path: ['data', 'bad'] }]);
    });

    it('checks date-time fields', () => {
      expect(
        issues(`apiVersion: v1
kind: Namespace
metadata: {name: ns, creationTimestamp: yesterday, deletionTimestamp: "2025-01-31T12:00:00Z"}
`),
      ).toEqual([{ ruleId: 'schema/invalid-value', path: ['metadata', 'creationTimestamp'] }]);
    });

    it('reports a scalar where an object is expected without descending', () => {
      expect(
        issues(deployment(CONTAINER).replace('  template:\n', '  template: oops\n  x:\n')),
      ).toContainEqual({
        ruleId: 'schema/invalid-type',
        path: ['spec', 'template'],
      });
    });
  });

  it('validates HorizontalPodAutoscaler v2 and v1', () => {
    expect(
      issues(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
  - type: Pods
    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 1k}}
`),
    ).toEqual([]);
    expect(
      issues(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  maxReplicas: 10
  targetCPUUtilizationPercentage: 70
`),
    ).toEqual([
      {
        ruleId: 'schema/unknown-field',
        path: ['spec', 'targetCPUUtilizationPercentage'],
        at: 'key',
      },
    ]);
  });

  it('lists at most 100 problems per object, then says how many more there are', () => {
    const data = Array.from({ length: 150 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const found = schemaIssues(
      object(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${data}\n`),
    );
    expect(found).toHaveLength(101);
    expect(found[99].path).toEqual(['data', 'k99']);
    expect(found[100]).toEqual({
      ruleId: 'schema/invalid-type',
      path: [],
      message:
        '50 more schema problems in this object are not listed (podwire lists the first 100 per object)',
    });
  });

  it('returns nothing for kinds without a schema', () => {
    expect(issues('apiVersion: example.com/v1\nkind: Widget\nspec: {anything: [1, 2]}\n')).toEqual(
      [],
    );
  });

  it('validates each List item on its own, with paths relative to the item', () => {
    const list = parse(
      readFileSync(
        new URL(
          '../../../../test/fixtures/conformance/kubeconform/list_invalid.yaml',
          import.meta.url,
        ),
        'utf8',
      ),
      { version: '1.1' },
    ) as { items: Record<string, unknown>[] };
    const found = list.items.map((raw, i) =>
      schemaIssues({
        ref: { documentIndex: 0 },
        basePath: ['items', i],
        raw,
        key: '',
        line: 1,
      }).map((x) => [x.ruleId, x.path]),
    );
    expect(found).toEqual([
      [],
      [
        ['schema/invalid-type', ['spec', 'replicas']],
        ['schema/unknown-field', ['spec', 'templates']],
      ],
    ]);
  });
});

describe('realistic objects of every vendored kind group', () => {
  const text = readFileSync(new URL('./fixtures/valid-all-kinds.yaml', import.meta.url), 'utf8');
  const docs = parseAllDocuments(text, { version: '1.1' }).map(
    (doc) => doc.toJS() as Record<string, unknown>,
  );

  it.each(docs.map((raw) => [`${String(raw.apiVersion)} ${String(raw.kind)}`, raw] as const))(
    '%s has a schema and no issues',
    (_, raw) => {
      expect(hasSchema(String(raw.apiVersion), String(raw.kind))).toBe(true);
      const found = schemaIssues({
        ref: { documentIndex: 0 },
        basePath: [],
        raw,
        key: '',
        line: 1,
      });
      expect(found.map((issue) => issue.message)).toEqual([]);
    },
  );
});

describe('kubeconform fixtures (strict): schema verdicts', () => {
  const dir = new URL('../../../../test/fixtures/conformance/kubeconform/', import.meta.url);
  /** Whether any object of the file has a schema issue; files whose verdict needs no schema are elsewhere. */
  function hasIssues(file: string): boolean {
    return parseAllDocuments(readFileSync(new URL(file, dir), 'utf8'), { version: '1.1' }).some(
      (doc) => {
        const value = doc.toJS() as Record<string, unknown> | null;
        if (!value || typeof value !== 'object') return false;
        const items = value.kind === 'List' ? (value.items as Record<string, unknown>[]) : [value];
        return items.some(
          (raw) =>
            schemaIssues({ ref: { documentIndex: 0 }, basePath: [], raw, key: '', line: 1 })
              .length > 0,
        );
      },
    );
  }

  it.each([
    'valid.yaml',
    'valid.json',
    'folder/valid.yaml',
    'folder/multi_valid.yaml',
    'int_or_string.yaml',
    'generate_name.yaml',
    'quantity.yaml',
    'null_string.yaml',
    'null_array.yaml',
    'multi_valid.yaml',
    'list_valid.yaml',
    'multi_with_list.yaml',
    'full_domain_group.yaml',
    'valid_version.yaml',
    'unconventional_keys.yaml',
  ])('%s is valid', (file) => {
    expect(hasIssues(file)).toBe(false);
  });

  it.each(['invalid.yaml', 'list_invalid.yaml', 'multi_invalid.yaml', 'extra_property.yaml'])(
    '%s is invalid',
    (file) => {
      expect(hasIssues(file)).toBe(true);
    },
  );
});

describe('hand-added constraints hold at every release', () => {
  it.each(KUBERNETES_RELEASES)('at %s, enums and port ranges are checked', (release) => {
    const raw = parse(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      imagePullPolicy: Sometimes\n      ports:\n        - containerPort: 70000\n',
      { version: '1.1' },
    ) as Record<string, unknown>;
    const found = issuesAt(
      { ref: { documentIndex: 0 }, basePath: [], raw, key: '', line: 1 },
      release,
    );
    expect(found.map((issue) => [issue.ruleId, issue.path.join('.')])).toEqual([
      ['schema/invalid-value', 'spec.containers.0.imagePullPolicy'],
      ['schema/invalid-value', 'spec.containers.0.ports.0.containerPort'],
    ]);
  });
});
