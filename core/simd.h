/* simd.h - a four-lane float32 vector over wasm SIMD128, SSE2 or NEON.
   Only IEEE-exact lane operations (add, sub, mul, div, sqrt, max), never a
   fused multiply-add, so a kernel gives the same bits as its scalar twin.
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
#define f4_max(a, b) vmaxq_f32(a, b)
#else
#define LRP_SIMD 0
#endif

#endif
