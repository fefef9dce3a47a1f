/* simd.h - a four-lane float32 vector over wasm SIMD128, SSE2 or NEON.
   Only IEEE-exact lane operations (add, sub, mul, div, sqrt, max, floor,
   compare, select, exponent bits), never a fused multiply-add, so a kernel gives the same bits as its scalar twin.
   Without any of them, or with -DLRP_NO_SIMD, LRP_SIMD is 0 and kernels use
   their scalar twins alone. */
#ifndef LRP_SIMD_H
#define LRP_SIMD_H

#if !defined(LRP_NO_SIMD) && defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define LRP_SIMD 1
typedef v128_t f4;
#define f4_load(p) wasm_v128_load(p)
#define f4_store(p, a) wasm_v128_store(p, a)
#define f4_set1(x) wasm_f32x4_splat(x)
#define f4_add(a, b) wasm_f32x4_add(a, b)
#define f4_sub(a, b) wasm_f32x4_sub(a, b)
#define f4_mul(a, b) wasm_f32x4_mul(a, b)
#define f4_div(a, b) wasm_f32x4_div(a, b)
#define f4_sqrt(a) wasm_f32x4_sqrt(a)
/* IEEE maximum like fmaxf on non-NaN input (torch.maximum propagates NaN;
   a NaN state means the run has diverged anyway). */
#define f4_max(a, b) wasm_f32x4_pmax(a, b)
/* b < a ? b : a, a compare and select in one */
#define f4_min(a, b) wasm_f32x4_pmin(a, b)
#define f4_lt(a, b) wasm_f32x4_lt(a, b)
#define f4_abs(a) wasm_f32x4_abs(a)
#define f4_select(m, a, b) wasm_v128_bitselect(a, b, m)
#define f4_and(a, b) wasm_v128_and(a, b)
#define f4_floor(a) wasm_f32x4_floor(a)
/* 2^n for integral n in [-126, 127]: the exponent bits */
#define f4_pow2i(n) \
  wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23)
/* rows a, b, c, d of a 4 x 4 block become its columns */
#define f4_transpose(a, b, c, d)                                              \
  do {                                                                        \
    v128_t t0_ = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), t1_ = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5); \
    v128_t t2_ = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7), t3_ = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7); \
    a = wasm_i64x2_shuffle(t0_, t1_, 0, 2);                                   \
    b = wasm_i64x2_shuffle(t0_, t1_, 1, 3);                                   \
    c = wasm_i64x2_shuffle(t2_, t3_, 0, 2);                                   \
    d = wasm_i64x2_shuffle(t2_, t3_, 1, 3);                                   \
  } while (0)
#elif !defined(LRP_NO_SIMD) && defined(__SSE2__)
#include <emmintrin.h>
#define LRP_SIMD 1
typedef __m128 f4;
#define f4_load(p) _mm_loadu_ps(p)
#define f4_store(p, a) _mm_storeu_ps(p, a)
#define f4_set1(x) _mm_set1_ps(x)
#define f4_add(a, b) _mm_add_ps(a, b)
#define f4_sub(a, b) _mm_sub_ps(a, b)
#define f4_mul(a, b) _mm_mul_ps(a, b)
#define f4_div(a, b) _mm_div_ps(a, b)
#define f4_sqrt(a) _mm_sqrt_ps(a)
#define f4_max(a, b) _mm_max_ps(b, a)
#define f4_min(a, b) _mm_min_ps(b, a)
#define f4_lt(a, b) _mm_cmplt_ps(a, b)
#define f4_abs(a) _mm_and_ps(a, _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff)))
#define f4_select(m, a, b) _mm_or_ps(_mm_and_ps(m, a), _mm_andnot_ps(m, b))
#define f4_and(a, b) _mm_and_ps(a, b)
/* floor from truncation: exact for |a| < 2^31 */
static inline __m128 f4_floor(__m128 a) {
  __m128 t = _mm_cvtepi32_ps(_mm_cvttps_epi32(a));
  return _mm_sub_ps(t, _mm_and_ps(_mm_cmplt_ps(a, t), _mm_set1_ps(1.0f)));
}
#define f4_pow2i(n) \
  _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(_mm_cvttps_epi32(n), _mm_set1_epi32(127)), 23))
#define f4_transpose(a, b, c, d) _MM_TRANSPOSE4_PS(a, b, c, d)
#elif !defined(LRP_NO_SIMD) && defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#define LRP_SIMD 1
typedef float32x4_t f4;
#define f4_load(p) vld1q_f32(p)
#define f4_store(p, a) vst1q_f32(p, a)
#define f4_set1(x) vdupq_n_f32(x)
#define f4_add(a, b) vaddq_f32(a, b)
#define f4_sub(a, b) vsubq_f32(a, b)
#define f4_mul(a, b) vmulq_f32(a, b)
#define f4_div(a, b) vdivq_f32(a, b)
#define f4_sqrt(a) vsqrtq_f32(a)
#define f4_max(a, b) vbslq_f32(vcltq_f32(a, b), b, a)
#define f4_min(a, b) vbslq_f32(vcltq_f32(b, a), b, a)
#define f4_lt(a, b) vreinterpretq_f32_u32(vcltq_f32(a, b))
#define f4_abs(a) vabsq_f32(a)
#define f4_select(m, a, b) vbslq_f32(vreinterpretq_u32_f32(m), a, b)
#define f4_and(a, b) \
  vreinterpretq_f32_u32(vandq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b)))
#define f4_floor(a) vrndmq_f32(a)
#define f4_pow2i(n) \
  vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(n), vdupq_n_s32(127)), 23))
#define f4_transpose(a, b, c, d)                                            \
  do {                                                                      \
    float32x4x2_t p_ = vzipq_f32(a, c), q_ = vzipq_f32(b, d);               \
    float32x4x2_t lo_ = vzipq_f32(p_.val[0], q_.val[0]), hi_ = vzipq_f32(p_.val[1], q_.val[1]); \
    a = lo_.val[0];                                                         \
    b = lo_.val[1];                                                         \
    c = hi_.val[0];                                                         \
    d = hi_.val[1];                                                         \
  } while (0)
#else
#define LRP_SIMD 0
#endif

#endif
