import * as highsModule from 'highs';
import type { MipModel, MipResult, MipSolver } from '../matching/round/mip.js';

/**
 * HiGHS (compiled to WebAssembly) behind the round's `MipSolver`. Loading the runtime is asynchronous
 * and takes about 60 ms; it happens once per thread, at the first call, and every model after that is
 * solved synchronously on a fresh instance.
 */
let loading: Promise<MipSolver> | undefined;

// The package's types describe its CommonJS build; Node loads its ES module, whose default is the loader.
const loadHighs = highsModule.default as unknown as typeof highsModule.default.default;

export function loadHighsSolver(): Promise<MipSolver> {
  return (loading ??= loadHighs().then((highs): MipSolver => {
    const { objectiveSense, modelStatus, variableType } = highs.constants;
    return {
      solve(m: MipModel, timeLimitSeconds: number): MipResult {
        const cols = m.cost.length;
        const rows = m.upper.length;
        const model = highs.createModel({
          numCols: cols,
          numRows: rows,
          sense: objectiveSense.maximize,
          colCost: m.cost,
          colLower: new Float64Array(cols),
          colUpper: new Float64Array(cols).fill(1),
          rowLower: new Float64Array(rows).fill(-highs.infinity),
          rowUpper: m.upper,
          matrix: {
            format: 'csr',
            numRows: rows,
            numCols: cols,
            starts: m.starts,
            indices: m.indices,
            values: m.values,
          },
          integrality: new Int32Array(cols).fill(variableType.integer),
        });
        try {
          // No relative gap: "optimal" then means proven to within HiGHS's absolute gap of 1e-6, far
          // below the 0.001 by which two urgency-weighted totals of two-decimal scores can differ.
          model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0 });
          model.setSolution({ colValue: m.start });
          model.run();
          const optimal = model.getModelStatus() === modelStatus.optimal;
          const bound = Number(model.info.get('mip_dual_bound'));
          return {
            values: model.getSolution().colValue,
            bound: optimal ? model.getObjectiveValue() : Number.isFinite(bound) ? bound : Infinity,
            optimal,
            seconds: model.getRunTime(),
          };
        } finally {
          model.dispose();
        }
      },
    };
  }));
}
