#ifndef TINYFORGE_C_H
#define TINYFORGE_C_H
/* TinyForge C kernel library: every int8 op of the TinyForge interpreter, TFLM-exact,
 * C99, no heap, no static state. See README.md. */

#include "tfc_common.h"
#include "tfc_fixed_point.h"
#include "tfc_fixed_point_exp.h"
#include "tfc_dsp.h"
#include "tfc_x86.h"
#include "tfc_paths.h"
#include "tfc_conv2d.h"
#include "tfc_depthwise_conv2d.h"
#include "tfc_fully_connected.h"
#include "tfc_add.h"
#include "tfc_average_pool2d.h"
#include "tfc_max_pool2d.h"
#include "tfc_mean.h"
#include "tfc_softmax.h"
#include "tfc_pad.h"
#include "tfc_concatenation.h"
#include "tfc_quantize.h"
#include "tfc_dequantize.h"
#include "tfc_reshape.h"
#include "tfc_int4.h"
#include "tfc_copy_rect.h"

#endif /* TINYFORGE_C_H */
