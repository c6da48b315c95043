/** Types of bench/mesh-route-bundle.mjs, for the test that keeps the bundle clean. */
export function meshRouteObjects(): Array<Record<string, unknown> & { kind: string }>;
export function meshRouteBundle(): string;
