import type { ESLint } from 'eslint';

export declare const FLOORS: Record<string, number>;
export declare const floorPlanPlugin: ESLint.Plugin;
