import express from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('WIJKMATCH_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['off', false],
    ['0', 0],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
    ['192.168.1.7,::1,linklocal,uniquelocal', ['192.168.1.7', '::1', 'linklocal', 'uniquelocal']],
    ['10.0.0.0/32,::/128', ['10.0.0.0/32', '::/128']],
  ])('reads %j as %j, which Express takes', (value, trustProxy) => {
    const config = loadConfig({ WIJKMATCH_TRUST_PROXY: value });
    expect(config.trustProxy).toEqual(trustProxy);
    expect(() => express().set('trust proxy', config.trustProxy)).not.toThrow();
  });

  it.each([
    'on',
    'true',
    '',
    '-1',
    '1.5',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/8/8',
    '10.0.0.1,',
    'loopback;10.0.0.1',
    'proxy.local',
  ])('refuses %j naming the variable', (value) => {
    expect(() => loadConfig({ WIJKMATCH_TRUST_PROXY: value })).toThrow(
      /^invalid configuration: WIJKMATCH_TRUST_PROXY: expected off, a hop count/,
    );
  });
});
