import { describe, expect, it } from 'vitest';
import type { ScenarioParameter } from '../api/types';
import { checkParam, checkSeed, describeChanged, readRunLink, writeRunLink } from './runSpec';

const rate: ScenarioParameter = { name: 'rate', label: 'Rate', type: 'number', default_value: 10, min: 0.1, max: 1000, unit: 'req/s', help: '', choices: [] };
const servers: ScenarioParameter = { name: 'servers', label: 'Servers', type: 'integer', default_value: 3, min: 1, max: 64, unit: '', help: '', choices: [] };
const policy: ScenarioParameter = { name: 'policy', label: 'Queue', type: 'choice', default_value: 'fifo', min: null, max: null, unit: '', help: '', choices: ['fifo', 'lifo'] };

describe('a run as a link', () => {
  it('carries the scenario, a seed other than the default and the changed parameters, keeping other keys', () => {
    const q = writeRunLink('range=10-20', 'mmc-cluster', 7, 42, { arrival_rate: 12 });
    expect(new URLSearchParams(q).get('range')).toBe('10-20');
    expect(readRunLink(q)).toEqual({ scenario: 'mmc-cluster', seed: 7, params: { arrival_rate: '12' } });
    expect(readRunLink(writeRunLink(q, 'bursty-mm1', 42, 42, {}))).toEqual({ scenario: 'bursty-mm1', seed: undefined, params: {} });
    expect(readRunLink('range=1-2')).toBeNull();
  });
});

describe('parameter values as typed', () => {
  it('are checked with the server\'s rules and messages in the parameter\'s unit', () => {
    expect(checkParam(rate, '12')).toEqual({ value: 12 });
    expect(checkParam(rate, '0')).toEqual({ error: 'must be at least 0.1 req/s' });
    expect(checkParam(rate, '5000')).toEqual({ error: 'must be at most 1000 req/s' });
    expect(checkParam(rate, 'fast')).toEqual({ error: "'fast' is not a number" });
    expect(checkParam(rate, ' ')).toEqual({ error: 'needs a value' });
    expect(checkParam(servers, '2.5')).toEqual({ error: 'must be a whole number' });
    expect(checkParam(policy, 'lilo')).toEqual({ error: 'must be one of fifo, lifo' });
    expect(checkSeed('7')).toEqual({ value: 7 });
    expect(checkSeed('1.5').error).toBeDefined();
    expect(checkSeed('99999999999999999999').error).toBe('the seed is too large');
    expect(describeChanged({ rate: 12, retries: false })).toBe('rate=12 · retries=false');
  });
});
