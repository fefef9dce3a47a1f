// later.js - what the page needs only once its first charts are up: the
// learning-rate tools and the run carried over to PyTorch. bundle.mjs makes
// it web/gen/later.js, which takes the page's own modules from app.js
// rather than a second copy; web/later-load.js loads it.
import { buildToolsPanel } from './tools-panel.js';
import { startData } from './torch-data.js';
import { torchScript } from './torch-export.js';
import { torchNotebook } from './torch-notebook.js';

self.lrpLater = { buildToolsPanel, startData, torchScript, torchNotebook };
