/* model.c - linreg, logreg and the MLP: forward and backward over a batch.

   A model is a stack of dense layers; all parameters sit in one flat block,
   layer by layer: W_l (in, out) row-major, then b_l (out). Hidden layers
   apply the activation; the output layer is linear and gives a logit (mean
   binary cross-entropy, computed stably from it), k logits (softmax and
   mean cross-entropy, log-sum-exp about the largest, scalar in both
   builds) or a prediction (mean squared error). Every kernel runs over rows of contiguous floats, SIMD
   across the output columns (where fewer than four are left, as the
   output layer's one logit: across rows or inputs instead) with a scalar
   twin for the rest, in the same order of operations per element, so both
   give the same bits. */
#include <math.h>
#include <string.h>

#include "lrp.h"
#include "simd.h"
#include "vmath.h"

#define EVAL_ROWS 256 /* rows per chunk when evaluating a whole set */
/* Rows per tile of the forward and backward passes: a tile goes through
   every layer while its activations and deltas are in the L1 cache. */
#define ROW_TILE 64

static const float zeros[64]; /* a bias of zeros for the widest layer */

int lrp_model_init(lrp_model *m, const lrp_config *c) {
  memset(m, 0, sizeof *m);
  int d = lrp_config_dim(c), k = lrp_config_classes(c);
  m->bce = k == 2;
  m->softmax = k > 2;
  m->act = -1;
  m->width[0] = d;
  if (c->problem == LRP_MLP) {
    for (int l = 0; l < c->n_hidden; l++) m->width[l + 1] = c->hidden[l];
    m->n_layers = c->n_hidden + 1;
    m->act = c->act;
  } else {
    m->n_layers = 1;
  }
  m->width[m->n_layers] = m->softmax ? k : 1;
  m->n_params = 0;
  m->max_width = m->width[m->n_layers];
  for (int l = 0; l < m->n_layers; l++) {
    m->n_params += (m->width[l] + 1) * m->width[l + 1];
    if (m->width[l] > m->max_width) m->max_width = m->width[l];
  }
  m->activations = 0;
  for (int l = 1; l <= m->n_layers; l++) m->activations += m->width[l];
  return LRP_OK;
}

int lrp_model_rows(int batch) { return batch > EVAL_ROWS ? batch : EVAL_ROWS; }

/* Floats of scratch for batches of up to `rows` rows: the activations of
   every layer, two delta buffers, the transposed weight matrices and the
   per-row losses. */
size_t lrp_model_ws_len(const lrp_model *m, int rows) {
  return (size_t)rows * (m->activations + 2 * m->max_width + 1) +
         (size_t)m->n_params;
}

/* Glorot-uniform weights (He-uniform for relu), zero biases; linear models
   start at zero. */
void lrp_model_init_params(const lrp_model *m, float *p, uint32_t seed) {
  lrp_rng r;
  lrp_rng_seed(&r, seed, LRP_STREAM_INIT);
  for (int l = 0; l < m->n_layers; l++) {
    int in = m->width[l], out = m->width[l + 1];
    double limit = m->act < 0 ? 0
                   : m->act == LRP_RELU ? sqrt(6.0 / in)
                                        : sqrt(6.0 / (in + out));
    for (int k = 0; k < in * out; k++)
      *p++ = (float)(limit * (2 * lrp_rng_uniform(&r) - 1));
    for (int k = 0; k < out; k++) *p++ = 0.0f;
  }
}

/* out (rows, O) = in (rows, I) W (I, O) + b (O), columns [o0, O) of the
   rows [r0, rows). */
static void dense_span(float *out, const float *in, const float *w,
                       const float *b, int r0, int rows, int I, int O, int o0) {
  for (int r = r0; r < rows; r++)
    for (int o = o0; o < O; o++) {
      float acc = b[o];
      for (int i = 0; i < I; i++) acc = acc + in[r * I + i] * w[i * O + o];
      out[r * O + o] = acc;
    }
}

/* a (n) = act(a) in place, from index i. */
static void act_span(float *a, int n, int act, int i) {
  for (; i < n; i++)
    a[i] = act == LRP_TANH    ? s_tanh(a[i])
           : act == LRP_RELU  ? (a[i] < 0.0f ? 0.0f : a[i])
                              : s_sigmoid(a[i]);
}

/* d (n) *= act'(a), written in terms of the activation's output a. */
static void act_grad_span(float *d, const float *a, int n, int act, int i) {
  for (; i < n; i++)
    d[i] = act == LRP_TANH    ? d[i] * (1.0f - a[i] * a[i])
           : act == LRP_RELU  ? (0.0f < a[i] ? d[i] : 0.0f)
                              : d[i] * (a[i] * (1.0f - a[i]));
}

/* dw (I, O) = in^T d, db (O) = column sums of d (or, with add, both
   go on from the sums they hold); columns [o0, O), dw's rows [i0, I). */
static void dense_grad_span(float *dw, float *db, const float *in,
                            const float *d, int rows, int I, int O, int o0,
                            int i0, int add) {
  for (int o = o0; o < O; o++) {
    float acc = add ? db[o] : 0.0f;
    for (int r = 0; r < rows; r++) acc = acc + d[r * O + o];
    db[o] = acc;
    for (int i = i0; i < I; i++) {
      acc = add ? dw[i * O + o] : 0.0f;
      for (int r = 0; r < rows; r++) acc = acc + in[r * I + i] * d[r * O + o];
      dw[i * O + o] = acc;
    }
  }
}

/* Per-row loss into l (rows) and, unless dz is NULL, its gradient with
   respect to the output z, scaled by `scale` (1 / batch), from row r0. */
static void loss_span(float *l, float *dz, const float *z, const float *y,
                      int rows, int bce, float scale, int r0) {
  for (int r = r0; r < rows; r++) {
    if (bce) { /* max(z, 0) - z y + log(1 + exp(-|z|)) */
      float zr = z[r], pos = zr < 0.0f ? 0.0f : zr;
      l[r] = pos - zr * y[r] + s_log1p_unit(s_exp(0.0f - fabsf(zr)));
      if (dz) dz[r] = (s_sigmoid(zr) - y[r]) * scale;
    } else {
      float e = z[r] - y[r];
      l[r] = e * e;
      if (dz) dz[r] = (e + e) * scale;
    }
  }
}

/* Softmax cross-entropy per row of z (rows, k) against class indices y:
   l = log(sum_j exp(z_j - m)) - (z_y - m), m the row's largest logit, as
   torch's log_softmax and nll_loss; unless dz is NULL, its gradient
   (softmax - one-hot) * scale. */
static void softmax_rows(float *l, float *dz, const float *z, const float *y,
                         int rows, int k, float scale) {
  for (int r = 0; r < rows; r++) {
    const float *zr = z + (size_t)r * k;
    float m = zr[0], s = 0.0f, e[LRP_MAX_CLASSES];
    int c = y[r] >= 0.0f && y[r] < (float)k ? (int)y[r] : 0; /* never out of the row */
    for (int j = 1; j < k; j++) m = zr[j] > m ? zr[j] : m;
    for (int j = 0; j < k; j++) s = s + (e[j] = s_exp(zr[j] - m));
    l[r] = logf(s) - (zr[c] - m);
    for (int j = 0; dz && j < k; j++)
      dz[(size_t)r * k + j] = (e[j] / s - (j == c ? 1.0f : 0.0f)) * scale;
  }
}

/* The most probable class of a row of k logits (the first on a tie). */
static int argmax(const float *z, int k) {
  int c = 0;
  for (int j = 1; j < k; j++) c = z[j] > z[c] ? j : c;
  return c;
}

#if LRP_SIMD
/* The matrix kernels keep a block of up to eight vectors in registers
   across their inner loop (the block's shape a constant once inlined);
   the arithmetic per element is the scalar twin's, in the same order. */

/* out (rows, O) = in W + b for the rows r0 and r1 (sharing the loads of
   W; r1 = r0 for a lone row, stored twice) and NV vectors of columns from
   o: each sum starts at b and goes over i in order. */
static inline void dense_block(float *out, const float *in, const float *w,
                               const float *b, int I, int O, int r0, int r1,
                               int o, int nv) {
  f4 a0[4], a1[4];
  const float *x0 = in + (size_t)r0 * I, *x1 = in + (size_t)r1 * I, *wr = w + o;
  for (int k = 0; k < nv; k++) a0[k] = a1[k] = f4_load(b + o + 4 * k);
  for (int i = 0; i < I; i++, wr += O) {
    f4 s0 = f4_set1(x0[i]), s1 = f4_set1(x1[i]);
    for (int k = 0; k < nv; k++) {
      f4 wk = f4_load(wr + 4 * k);
      a0[k] = f4_add(a0[k], f4_mul(s0, wk));
      a1[k] = f4_add(a1[k], f4_mul(s1, wk));
    }
  }
  for (int k = 0; k < nv; k++) {
    f4_store(out + (size_t)r0 * O + o + 4 * k, a0[k]);
    f4_store(out + (size_t)r1 * O + o + 4 * k, a1[k]);
  }
}

/* The columns [0, O4): blocks of two rows by 16 columns (8 accumulators). */
static void dense_f4(float *out, const float *in, const float *w,
                     const float *b, int rows, int I, int O, int O4) {
  for (int r = 0; r < rows; r += 2) {
    int r1 = r + 1 < rows ? r + 1 : r, o = 0;
    for (; o + 16 <= O4; o += 16) dense_block(out, in, w, b, I, O, r, r1, o, 4);
    for (; o < O4; o += 4) dense_block(out, in, w, b, I, O, r, r1, o, 1);
  }
}

static void act_f4(float *a, int n4, int act) {
  f4 zero = f4_set1(0.0f);
  for (int i = 0; i < n4; i += 4) {
    f4 x = f4_load(a + i);
    x = act == LRP_TANH   ? f4_tanh(x)
        : act == LRP_RELU ? f4_max(x, zero)
                          : f4_sigmoid(x);
    f4_store(a + i, x);
  }
}

static void act_grad_f4(float *d, const float *a, int n4, int act) {
  f4 one = f4_set1(1.0f), zero = f4_set1(0.0f);
  for (int i = 0; i < n4; i += 4) {
    f4 di = f4_load(d + i), ai = f4_load(a + i);
    di = act == LRP_TANH   ? f4_mul(di, f4_sub(one, f4_mul(ai, ai)))
         : act == LRP_RELU ? f4_select(f4_lt(zero, ai), di, zero)
                           : f4_mul(di, f4_mul(ai, f4_sub(one, ai)));
    f4_store(d + i, di);
  }
}

/* dw (I, O) = in^T d over the rows for the rows i0 and i1 of dw (i1 =
   i0 for a lone one, stored twice) and NV vectors of columns from o: each
   sum starts at 0, or with add goes on from where the previous tile of
   rows left it, and goes row after row. */
static inline void grad_block(float *dw, const float *in, const float *d,
                              int rows, int I, int O, int i0, int i1,
                              int o, int nv, int add) {
  f4 a0[4], a1[4], zero = f4_set1(0.0f);
  float *y0 = dw + (size_t)i0 * O + o, *y1 = dw + (size_t)i1 * O + o;
  for (int k = 0; k < nv; k++) {
    a0[k] = add ? f4_load(y0 + 4 * k) : zero;
    a1[k] = add ? f4_load(y1 + 4 * k) : zero;
  }
  const float *xr = in, *dr = d + o;
  for (int r = 0; r < rows; r++, xr += I, dr += O) {
    f4 s0 = f4_set1(xr[i0]), s1 = f4_set1(xr[i1]);
    for (int k = 0; k < nv; k++) {
      f4 dk = f4_load(dr + 4 * k);
      a0[k] = f4_add(a0[k], f4_mul(s0, dk));
      a1[k] = f4_add(a1[k], f4_mul(s1, dk));
    }
  }
  for (int k = 0; k < nv; k++) {
    f4_store(y0 + 4 * k, a0[k]);
    f4_store(y1 + 4 * k, a1[k]);
  }
}

/* dw, db over the columns [0, O4), from 0 or with add going on: blocks
   of two columns of in by 16 of d (8 accumulators). A tile of rows (see
   ROW_TILE): in and d stay in the L1 cache while every block of dw
   passes over them. */
static void dense_grad_f4(float *dw, float *db, const float *in, const float *d,
                          int rows, int I, int O, int O4, int add) {
  /* db (O) = column sums of d, each over the rows in order: four sums
     at a time (the last column again where fewer are left), four chains
     of additions */
  for (int o = 0; o < O4; o += 16) {
    int c[4];
    f4 acc[4];
    for (int k = 0; k < 4; k++) {
      c[k] = o + 4 * k < O4 ? o + 4 * k : O4 - 4;
      acc[k] = add ? f4_load(db + c[k]) : f4_set1(0.0f);
    }
    for (int r = 0; r < rows; r++)
      for (int k = 0; k < 4; k++) acc[k] = f4_add(acc[k], f4_load(d + (size_t)r * O + c[k]));
    for (int k = 0; k < 4; k++) f4_store(db + c[k], acc[k]);
  }
  for (int i = 0; i < I; i += 2) {
    int i1 = i + 1 < I ? i + 1 : i, o = 0;
    for (; o + 16 <= O4; o += 16) grad_block(dw, in, d, rows, I, O, i, i1, o, 4, add);
    for (; o < O4; o += 4) grad_block(dw, in, d, rows, I, O, i, i1, o, 1, add);
  }
}

/* dw[i + k, o] (k < 4 NV) = sum over rows of in[r, i + k] d[r, o], in
   order (from 0, or with add from the sums dw holds): across i, NV vectors
   of four rows of dw. */
static inline void grad_col_block(float *dw, const float *in, const float *d,
                                  int rows, int I, int O, int i, int o, int nv, int add) {
  f4 acc[4];
  float lanes[16];
  for (int k = 0; k < 4 * nv; k++) lanes[k] = add ? dw[(size_t)(i + k) * O + o] : 0.0f;
  for (int k = 0; k < nv; k++) acc[k] = f4_load(lanes + 4 * k);
  for (int r = 0; r < rows; r++) {
    const float *xr = in + (size_t)r * I + i;
    f4 s = f4_set1(d[(size_t)r * O + o]);
    for (int k = 0; k < nv; k++) acc[k] = f4_add(acc[k], f4_mul(f4_load(xr + 4 * k), s));
  }
  for (int k = 0; k < nv; k++) f4_store(lanes + 4 * k, acc[k]);
  for (int k = 0; k < 4 * nv; k++) dw[(size_t)(i + k) * O + o] = lanes[k];
}

/* dw (I, O) = in^T d for the columns [O4, O) that blocks of four leave
   (the output layer's one logit), rows [0, I4) of dw. */
static void grad_tail_f4(float *dw, const float *in, const float *d, int rows,
                         int I, int O, int O4, int I4, int add) {
  for (int o = O4; o < O; o++) {
    int i = 0;
    for (; i + 16 <= I4; i += 16) grad_col_block(dw, in, d, rows, I, O, i, o, 4, add);
    for (; i < I4; i += 4) grad_col_block(dw, in, d, rows, I, O, i, o, 1, add);
  }
}

/* out (rows, O) = in W + b for the columns [O4, O) that blocks of four
   leave (at most three: the output layer's logits), rows [0, R4): across
   rows instead, four rows per vector, by 4 x 4 transposes of in (I a
   multiple of four); each sum over i in order. */
static void dense_tail_f4(float *out, const float *in, const float *w,
                          const float *b, int R4, int I, int O, int O4) {
  for (int o = O4; o < O; o++)
    for (int r = 0; r < R4; r += 4) {
      const float *x = in + (size_t)r * I;
      f4 acc = f4_set1(b[o]);
      float lanes[4];
      for (int i = 0; i < I; i += 4) {
        f4 c0 = f4_load(x + i), c1 = f4_load(x + I + i);
        f4 c2 = f4_load(x + 2 * I + i), c3 = f4_load(x + 3 * I + i);
        f4_transpose(c0, c1, c2, c3); /* c_k: column i + k of rows r..r + 3 */
        const float *wi = w + (size_t)i * O + o;
        acc = f4_add(acc, f4_mul(c0, f4_set1(wi[0])));
        acc = f4_add(acc, f4_mul(c1, f4_set1(wi[O])));
        acc = f4_add(acc, f4_mul(c2, f4_set1(wi[2 * O])));
        acc = f4_add(acc, f4_mul(c3, f4_set1(wi[3 * O])));
      }
      f4_store(lanes, acc);
      for (int k = 0; k < 4; k++) out[(size_t)(r + k) * O + o] = lanes[k];
    }
}

static void loss_f4(float *l, float *dz, const float *z, const float *y,
                    int rows4, int bce, float scale) {
  f4 zero = f4_set1(0.0f), sc = f4_set1(scale);
  for (int r = 0; r < rows4; r += 4) {
    f4 zr = f4_load(z + r), yr = f4_load(y + r);
    if (bce) {
      f4 soft = f4_log1p_unit(f4_exp(f4_sub(zero, f4_abs(zr))));
      f4_store(l + r, f4_add(f4_sub(f4_max(zr, zero), f4_mul(zr, yr)), soft));
      if (dz) f4_store(dz + r, f4_mul(f4_sub(f4_sigmoid(zr), yr), sc));
    } else {
      f4 e = f4_sub(zr, yr);
      f4_store(l + r, f4_mul(e, e));
      if (dz) f4_store(dz + r, f4_mul(f4_add(e, e), sc));
    }
  }
}
#define SIMD_PART(n, simd) ((simd) ? (n) & ~3 : 0)
#else
#define SIMD_PART(n, simd) ((void)(simd), 0)
#endif

/* The kernels, each as its SIMD part then its scalar twin. */
static void dense(float *out, const float *in, const float *w, const float *b,
                  int rows, int I, int O, int simd) {
  int O4 = SIMD_PART(O, simd), R4 = I % 4 ? 0 : SIMD_PART(rows, simd && O4 < O);
#if LRP_SIMD
  dense_f4(out, in, w, b, rows, I, O, O4);
  dense_tail_f4(out, in, w, b, R4, I, O, O4);
#endif
  dense_span(out, in, w, b, R4, rows, I, O, O4);
}

static void activate(float *a, int n, int act, int simd) {
  int n4 = SIMD_PART(n, simd);
#if LRP_SIMD
  act_f4(a, n4, act);
#endif
  act_span(a, n, act, n4);
}

static void activate_grad(float *d, const float *a, int n, int act, int simd) {
  int n4 = SIMD_PART(n, simd);
#if LRP_SIMD
  act_grad_f4(d, a, n4, act);
#endif
  act_grad_span(d, a, n, act, n4);
}

static void dense_grad(float *dw, float *db, const float *in, const float *d,
                       int rows, int I, int O, int add, int simd) {
  int O4 = SIMD_PART(O, simd), I4 = SIMD_PART(I, simd);
#if LRP_SIMD
  dense_grad_f4(dw, db, in, d, rows, I, O, O4, add);
  grad_tail_f4(dw, in, d, rows, I, O, O4, I4, add);
#endif
  dense_grad_span(dw, db, in, d, rows, I, O, O4, I4, add);
}

static void row_loss(const lrp_model *m, float *l, float *dz, const float *z,
                     const float *y, int rows, float scale, int simd) {
  int r4 = SIMD_PART(rows, simd), bce = m->bce;
  if (m->softmax) {
    softmax_rows(l, dz, z, y, rows, m->width[m->n_layers], scale);
    return;
  }
#if LRP_SIMD
  loss_f4(l, dz, z, y, r4, bce, scale);
#endif
  loss_span(l, dz, z, y, rows, bce, scale, r4);
}

/* The forward pass over rows of x (rows, n_in): activations of layer l at
   acts + rows * offset(l); returns the output (rows, k). A tile of rows
   (ROW_TILE) goes through every layer while it is in the L1 cache. */
static float *forward(const lrp_model *m, const float *p, const float *x,
                      int rows, float *acts, int simd) {
  for (int r0 = 0; r0 < rows; r0 += ROW_TILE) {
    int n = rows - r0 < ROW_TILE ? rows - r0 : ROW_TILE;
    const float *in = x + (size_t)r0 * m->width[0], *pl = p;
    float *out = acts;
    for (int l = 0; l < m->n_layers; l++) {
      int I = m->width[l], O = m->width[l + 1];
      float *o = out + (size_t)r0 * O;
      dense(o, in, pl, pl + I * O, n, I, O, simd);
      if (l + 1 < m->n_layers) activate(o, n * O, m->act, simd);
      pl += (I + 1) * O;
      in = o;
      out += (size_t)rows * O;
    }
  }
  return acts + (size_t)rows * (m->activations - m->width[m->n_layers]);
}


double lrp_model_loss_grad(const lrp_model *m, const float *p, float *dp,
                           const float *x, const float *y, int rows,
                           float *ws, int simd) {
  int L = m->n_layers, k = m->width[L];
  float *acts = ws;
  float *delta = acts + (size_t)rows * m->activations; /* (ROW_TILE, max_width) used */
  float *delta2 = delta + (size_t)rows * m->max_width;
  float *losses = delta2 + (size_t)rows * m->max_width;
  float *wt = losses + rows; /* W_l^T (O, I) of the layers l >= 1, in order */
  float *z = forward(m, p, x, rows, acts, simd);
  double sum = 0;
  if (!dp) {
    row_loss(m, losses, NULL, z, y, rows, 1.0f / rows, simd);
    for (int r = 0; r < rows; r++) sum += losses[r];
    return sum / rows;
  }
  const float *pl = p;
  float *t = wt;
  for (int l = 0; l < L; l++) {
    int I = m->width[l], O = m->width[l + 1];
    for (int o = 0; l && o < O; o++)
      for (int i = 0; i < I; i++) t[o * I + i] = pl[i * O + o];
    t += l ? I * O : 0;
    pl += (I + 1) * O;
  }

  /* the loss and the backward pass a tile of rows at a time: each sum
     over rows (the loss, db, dw) goes on from tile to tile in order */
  for (int r0 = 0; r0 < rows; r0 += ROW_TILE) {
    int n = rows - r0 < ROW_TILE ? rows - r0 : ROW_TILE;
    float *d = delta, *d2 = delta2;
    row_loss(m, losses + r0, d, z + (size_t)r0 * k, y + r0, n, 1.0f / rows, simd);
    for (int r = r0; r < r0 + n; r++) sum += losses[r];
    /* layer l's input activations sit just before its outputs */
    int offset = m->activations - k; /* of the output layer, per row */
    float *dpl = dp + m->n_params;
    const float *wl = t;
    for (int l = L - 1; l >= 0; l--) {
      int I = m->width[l], O = m->width[l + 1];
      dpl -= (I + 1) * O;
      offset -= I;
      const float *in = (l ? acts + (size_t)rows * offset : x) + (size_t)r0 * I;
      dense_grad(dpl, dpl + I * O, in, d, n, I, O, r0 > 0, simd);
      if (l) {
        wl -= I * O;
        /* d2 (n, I) = d (n, O) W^T: a dense layer with no bias */
        dense(d2, d, wl, zeros, n, O, I, simd);
        activate_grad(d2, in, n * I, m->act, simd);
        float *swap = d;
        d = d2;
        d2 = swap;
      }
    }
  }
  return sum / rows;
}

/* Correct predictions (z > 0 means class 1; with softmax the largest
   logit's class) of the last forward pass over `rows` rows that used ws,
   against y (rows). */
int lrp_model_correct(const lrp_model *m, const float *ws, const float *y, int rows) {
  int k = m->width[m->n_layers], right = 0;
  const float *z = ws + (size_t)rows * (m->activations - k);
  for (int r = 0; r < rows; r++)
    right += m->softmax ? argmax(z + (size_t)r * k, k) == (int)y[r]
                        : (0.0f < z[r]) == (0.5f < y[r]);
  return right;
}

/* Mean loss and, for classification, correct predictions (z > 0 means
   class 1) over a whole set, in chunks. */
double lrp_model_eval(const lrp_model *m, const float *p, const float *x,
                      const float *y, int n, float *ws, int ws_rows,
                      int *correct, int simd) {
  double sum = 0;
  int right = 0, d = m->width[0];
  for (int r0 = 0; r0 < n; r0 += ws_rows) {
    int rows = n - r0 < ws_rows ? n - r0 : ws_rows;
    float *z = forward(m, p, x + (size_t)r0 * d, rows, ws, simd);
    float *losses = ws + (size_t)rows * (m->activations + 2 * m->max_width);
    row_loss(m, losses, NULL, z, y + r0, rows, 1.0f, simd);
    for (int r = 0; r < rows; r++) sum += losses[r];
    right += lrp_model_correct(m, ws, y + r0, rows);
  }
  if (correct) *correct = right;
  return n ? sum / n : NAN;
}

/* The model's output for each row of x (n, n_in): the probability of class
   1 for two classes, 2 c + p for more (c the most probable class, p its
   probability), the prediction for regression. */
void lrp_model_predict(const lrp_model *m, const float *p, const float *x,
                       int n, float *out, float *ws, int ws_rows, int simd) {
  int d = m->width[0];
  for (int r0 = 0; r0 < n; r0 += ws_rows) {
    int rows = n - r0 < ws_rows ? n - r0 : ws_rows;
    float *z = forward(m, p, x + (size_t)r0 * d, rows, ws, simd);
    for (int r = 0; r < rows; r++) {
      if (m->softmax) {
        int k = m->width[m->n_layers];
        const float *zr = z + (size_t)r * k;
        int c = argmax(zr, k);
        float s = 0.0f; /* softmax_c = 1 / sum_j exp(z_j - z_c) */
        for (int j = 0; j < k; j++) s = s + s_exp(zr[j] - zr[c]);
        out[r0 + r] = (float)(2 * c) + 1.0f / s;
        continue;
      }
      out[r0 + r] = m->bce ? s_sigmoid(z[r]) : z[r];
    }
  }
}
