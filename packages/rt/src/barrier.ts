/**
 * Barriers and hints: no-ops under Node (one thread, one simulated bus).
 * Natively: `dmb sy`, `dsb sy`, `isb`, `dmb ish`, `dsb ish`, `wfi`, `wfe`, `sev`.
 */

export function dmb(): void {}
export function dsb(): void {}
export function isb(): void {}
export function dmbIsh(): void {}
export function dsbIsh(): void {}
export function wfi(): void {}
export function wfe(): void {}
export function sev(): void {}
