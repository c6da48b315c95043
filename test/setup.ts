import 'reflect-metadata';
import { afterAll, afterEach, expect } from 'vitest';
import { flushExercised } from './helpers/app.js';
import { takeViolations } from './helpers/contract.js';

// Every response seen by an e2e test must match openapi.yaml.
afterEach(() => {
  expect(takeViolations(), 'responses that break openapi.yaml').toEqual([]);
});

afterAll(() => flushExercised());
