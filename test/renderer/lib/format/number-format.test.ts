import { describe, expect, it } from 'vitest'
import { formatConfigValue, formatConfigValueWithUnit, formatCount, formatDelta, formatDuration, formatMetric, formatNumber, formatPercent, formatPValue, formatSigned } from '../../../../src/renderer/src/lib/format/number-format'

describe('number format', () => {
  it('keeps three significant digits and a real minus sign', () => {
    expect(formatNumber(0.62564939)).toBe('0.626')
    expect(formatNumber(-1.23456, 4)).toBe('−1.235')
    expect(formatNumber(15194)).toBe('15200')
    expect(formatNumber(0)).toBe('0')
  })

  it('switches to exponents for very large and very small magnitudes, and names non-finite values', () => {
    expect(formatNumber(1.2345e-7)).toBe('1.23e−7')
    expect(formatNumber(123456)).toBe('1.23e+5')
    expect(formatNumber(NaN)).toBe('—')
    expect(formatNumber(Infinity)).toBe('∞')
    expect(formatNumber(-Infinity)).toBe('−∞')
  })

  it('floors p-values at what a person can act on', () => {
    expect(formatPValue(1e-105)).toBe('< 0.0001')
    expect(formatPValue(0.000582)).toBe('0.00058')
    expect(formatPValue(0.0177)).toBe('0.018')
    expect(formatPValue(NaN)).toBe('—')
  })

  it('signs values explicitly', () => {
    expect(formatSigned(0.25)).toBe('+0.25')
    expect(formatSigned(-1.5)).toBe('−1.5')
    expect(formatSigned(0)).toBe('0')
  })

  it('never rounds a share to exactly 0 or 100 % unless it is', () => {
    expect(formatPercent(0.0512)).toBe('5.1 %')
    expect(formatPercent(0.99997)).toBe('> 99.9 %')
    expect(formatPercent(1)).toBe('100.0 %')
    expect(formatPercent(0.0001)).toBe('< 0.1 %')
    expect(formatPercent(0)).toBe('0.0 %')
  })

  it('gives run metrics four significant digits under the same rule, and a dash where there is none', () => {
    expect(formatMetric(0.1234567)).toBe('0.1235')
    expect(formatMetric(15194)).toBe('15190')
    expect(formatMetric(0.00012346)).toBe('0.0001235')
    expect(formatMetric(1.2346e-5)).toBe('1.235e−5')
    expect(formatMetric(null)).toBe('—')
    expect(formatMetric(undefined)).toBe('—')
    expect(formatDelta(0.0123)).toBe('+0.0123')
    expect(formatDelta(-0.004)).toBe('−0.004')
    expect(formatDelta(0)).toBe('±0')
  })

  it('groups counts, reads durations at a glance and shows empty config values as "all"', () => {
    expect(formatCount(54000)).toBe('54,000')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(185)).toBe('3 min 05 s')
    expect(formatDuration(7800)).toBe('2 h 10 min')
    expect(formatConfigValue(undefined)).toBe('all')
    expect(formatConfigValue(40)).toBe('40')
    expect(formatConfigValueWithUnit(1, 'epochs')).toBe('1 epoch')
    expect(formatConfigValueWithUnit(35, 'epochs')).toBe('35 epochs')
    expect(formatConfigValueWithUnit(undefined, 'samples')).toBe('all')
    expect(formatConfigValueWithUnit('bce', undefined)).toBe('bce')
  })
})
