#include "core/latency/latency_op.h"

namespace tinyforge {

OpClass opClassOf(const LatencyOp& op) {
  switch (op.kind) {
    case NodeKind::Input: return OpClass::Free;
    case NodeKind::Conv2D: return op.kernel_h == 1 && op.kernel_w == 1 ? OpClass::Pointwise : OpClass::Conv;
    case NodeKind::DepthwiseConv2D: return OpClass::Depthwise;
    case NodeKind::FullyConnected: return OpClass::FullyConnected;
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
    case NodeKind::Mean: return OpClass::Pooling;
    default: return OpClass::Other;
  }
}

const char* toString(OpClass op_class) {
  switch (op_class) {
    case OpClass::Conv: return "conv";
    case OpClass::Depthwise: return "depthwise";
    case OpClass::Pointwise: return "pointwise";
    case OpClass::FullyConnected: return "fully_connected";
    case OpClass::Pooling: return "pooling";
    case OpClass::Other: return "other";
    case OpClass::Free: return "free";
  }
  return "?";
}

bool missesChannelFastPath(const LatencyOp& op) {
  const OpClass c = opClassOf(op);
  if (c != OpClass::Conv && c != OpClass::Pointwise) return false;
  const int64_t reduction = int64_t{op.kernel_h} * op.kernel_w * op.in_channels;
  return reduction % 4 != 0 || op.out_channels % 4 != 0;
}

}  // namespace tinyforge
