// In-process figures on the issue 17 bundle (bench/mesh-route-bundle.mjs: 1,000 objects, 200
// routes, 200 mesh policies): YAML parse alone vs podwire's full validation of the same text, in
// the same run, the same way as bench/crd-bundle.mjs. Prints one JSON line.
import { parseAllDocuments } from 'yaml';
import { meshRouteBundle, meshRouteObjects } from './mesh-route-bundle.mjs';
import { median, time } from './timing.mjs';

const RUNS = Number(process.env.BENCH_INPROCESS_RUNS ?? 7);
const { validateManifest } = await import('../dist/validation/engine/validate.js');

const objects = meshRouteObjects();
const text = meshRouteBundle();
const count = (kinds) => objects.filter((o) => kinds.includes(o.kind)).length;

const parseOnly = () => parseAllDocuments(text).map((doc) => doc.toJS());
for (let i = 0; i < 2; i++) {
  parseOnly();
  validateManifest(text);
}
// The same validation without the Gateway API rules: what they cost on top of the rest.
const ROUTE_RULES = [
  'gateway/listener-conflict',
  'route/backend-unresolved',
  'route/parent-unresolved',
  'route/reference-not-granted',
];
const parse = [];
const validate = [];
const withoutRouteRules = [];
let findings;
for (let i = 0; i < RUNS; i++) {
  parse.push(time(parseOnly).ms);
  const run = time(() => validateManifest(text));
  validate.push(run.ms);
  findings = run.result.findings;
  withoutRouteRules.push(time(() => validateManifest(text, { disable: ROUTE_RULES })).ms);
}
const byRule = {};
for (const finding of findings)
  byRule[`${finding.ruleId} (${finding.severity})`] =
    (byRule[`${finding.ruleId} (${finding.severity})`] ?? 0) + 1;
console.log(
  JSON.stringify({
    bytes: text.length,
    objects: objects.length,
    routes: count(['HTTPRoute', 'GRPCRoute']),
    meshPolicies: count([
      'VirtualService',
      'DestinationRule',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'Server',
    ]),
    parseOnlyMs: median(parse),
    validateMs: median(validate),
    validateOverParse: median(validate) / median(parse),
    validateWithoutRouteRulesMs: median(withoutRouteRules),
    findingsByRule: byRule,
  }),
);
