import type { ESLint } from 'eslint';

export declare const FLOORS: Record<string, number>;
export declare const KNOWN_WRONG_WAY: Set<string>;
export declare const floorPlanPlugin: ESLint.Plugin;
