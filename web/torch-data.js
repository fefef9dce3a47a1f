// torch-data.js - the data problems' parts of a PyTorch export (linreg,
// logreg, mlp): the points, the initial weights, the batch order and the
// model as torch.nn modules.
export function dataParts(p) {
  throw new Error(`${p.problem}: the PyTorch export covers the surfaces only`);
}
