#pragma once
// Errors of the int8 reference kernels and of their parameter derivation.
//
// TFLM refuses a model in Prepare (TF_LITE_ENSURE) or aborts (TFLITE_CHECK) where these
// throw; the message names the op and the offending value so that the interpreter can
// prefix the layer's name and the user sees which layer of which model is wrong.

#include <stdexcept>
#include <string>

namespace tinyforge::kernels {

class KernelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tinyforge::kernels
