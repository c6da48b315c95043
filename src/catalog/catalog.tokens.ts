/** Injection token for the loaded, frozen pattern catalogue (its own file: module and controllers both import it). */
export const CATALOG = Symbol('CATALOG');
