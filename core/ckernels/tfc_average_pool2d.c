#include "tfc_average_pool2d.h"

void tfc_average_pool2d_s8(const tfc_pool2d_op* op) {
  const tfc_pool_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t depth = op->input_shape.c;
  int8_t* out_ptr = op->output;
  int32_t b, oy, ox, c, fy, fx;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * depth;
    for (oy = 0; oy < op->output_shape.h; ++oy) {
      const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
      const int32_t fy_start = tfc_max_i32(0, -in_y_origin);
      const int32_t fy_end = tfc_min_i32(p->filter_h, in_h - in_y_origin);
      for (ox = 0; ox < op->output_shape.w; ++ox) {
        const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
        const int32_t fx_start = tfc_max_i32(0, -in_x_origin);
        const int32_t fx_end = tfc_min_i32(p->filter_w, in_w - in_x_origin);
        const int32_t count = tfc_max_i32(0, fy_end - fy_start) * tfc_max_i32(0, fx_end - fx_start);
        for (c = 0; c < depth; ++c) {
          int32_t sum = 0;
          for (fy = fy_start; fy < fy_end; ++fy) {
            const int8_t* row =
                batch_in + ((size_t)(in_y_origin + fy) * in_w + (size_t)(in_x_origin + fx_start)) * depth + c;
            for (fx = 0; fx < fx_end - fx_start; ++fx) sum += row[(size_t)fx * depth];
          }
          /* count == 0 is refused before (TFLM fails at Eval); write 0 rather than divide by 0. */
          *out_ptr++ = (int8_t)tfc_clamp_i32(count > 0 ? tfc_rounded_average(sum, count) : 0, p->act_min, p->act_max);
        }
      }
    }
  }
}
