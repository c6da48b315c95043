import { detectPatternObjects } from '../model/patterns.js';
import type { PatternDetector } from './types.js';

/**
 * Pattern detectors, in the order their detections are listed. Explicit on purpose (no
 * registration by import side effect): add one import and one entry per detector.
 */
export const detectors: readonly PatternDetector[] = [detectPatternObjects];
