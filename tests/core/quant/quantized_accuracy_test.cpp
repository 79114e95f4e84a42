// The acceptance test: a quantized model's int8 accuracy is within 1 point of
// its float accuracy on a small task built here.
//
// Task: 12x12 grayscale images of sinusoidal stripes in one of four orientations
// (horizontal, vertical, diagonal, anti-diagonal) with random period, phase and
// amplitude under strong Gaussian noise; the class is the orientation.
// Model: conv 3x3x8 ReLU -> depthwise 3x3 stride 2 ReLU6 -> conv 1x1x16 ReLU -> mean
// -> fully connected 4 -> softmax, trained here with Adam on the library's own float
// forward pass (FloatModel) and a backward pass written out below.
// Then: calibrate on 200 training images, quantize (int8 activations, per-channel int8
// weights), run the int8 model on the int8 interpreter (TFLM's arithmetic) on 800 test
// images, compare with the float model on the same images.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/kernels/padding.h"
#include "core/kernels/quantize.h"
#include "core/quant/float_constant.h"
#include "core/quant/quantize_graph.h"
#include "float_graph_builder.h"

#if __has_include("core/interpreter/interpreter.h")
#include "core/interpreter/interpreter.h"
#define TINYFORGE_QUANT_HAVE_INTERPRETER 1
#endif

namespace tinyforge {
namespace {

using testing::Rng;

constexpr int kSide = 12;
constexpr int kClasses = 4;

struct Example {
  std::vector<float> image;
  int label = 0;
};

std::vector<Example> makeExamples(int count, uint32_t seed) {
  Rng rng(seed);
  std::vector<Example> out;
  for (int i = 0; i < count; ++i) {
    Example e;
    e.label = i % kClasses;
    const float period = rng.uniform(3.0f, 6.0f);
    const float phase = rng.uniform(0.0f, 6.2831853f);
    const float amplitude = rng.uniform(0.5f, 1.0f);
    e.image.resize(kSide * kSide);
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x) {
        const float t = e.label == 0   ? static_cast<float>(y)
                        : e.label == 1 ? static_cast<float>(x)
                        : e.label == 2 ? (x + y) * 0.70710678f
                                       : (x - y) * 0.70710678f;
        e.image[y * kSide + x] = amplitude * std::sin(6.2831853f * t / period + phase) + 1.1f * rng.normal();
      }
    out.push_back(std::move(e));
  }
  return out;
}

Graph untrainedModel() {
  Rng rng(2024);
  Graph g;
  g.name = "stripes";
  g.nodes.push_back(testing::inputNode("image", {1, kSide, kSide, 1}));
  g.nodes.push_back(testing::convNode("conv1", "image", 1, 8, 3, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::depthwiseNode("dw2", "conv1", 8, 3, 2, Activation::Relu6, rng));
  g.nodes.push_back(testing::convNode("pw3", "dw2", 8, 16, 1, 1, Activation::Relu, rng));
  Node mean = testing::layerNode("pool", NodeKind::Mean, "pw3");
  mean.keep_dims = false;
  g.nodes.push_back(mean);
  g.nodes.push_back(testing::fullyConnectedNode("fc", "pool", 16, kClasses, Activation::None, rng));
  g.nodes.push_back(testing::layerNode("prob", NodeKind::Softmax, "fc"));
  return g;
}

// ---- backward pass of the chain above (gradients of the cross-entropy loss) --------------

struct Grads {
  std::vector<float> filter, bias;
};

kernels::WindowPadding paddingOf(const Node& n, const std::vector<int32_t>& in) {
  return kernels::computeWindowPadding(n.padding == Padding::Same ? kernels::PaddingType::Same
                                                                  : kernels::PaddingType::Valid,
                                       in[1], in[2], n.kernel_h, n.kernel_w, n.stride_h, n.stride_w);
}

// g: gradient w.r.t. the layer's (post-activation) output; turned into the gradient
// w.r.t. the pre-activation value using the output itself.
void activationBackward(Activation act, const std::vector<float>& out, std::vector<float>& g) {
  for (size_t i = 0; i < g.size(); ++i) {
    const bool pass = act == Activation::None || (out[i] > 0.0f && (act != Activation::Relu6 || out[i] < 6.0f));
    if (!pass) g[i] = 0.0f;
  }
}

// Returns the gradient w.r.t. the layer's input; accumulates weight gradients.
std::vector<float> layerBackward(const Node& n, const ShapedLayer& layer, const FloatLayerWeights& w,
                                 const std::vector<float>& x, const std::vector<float>& out, std::vector<float> g,
                                 Grads& grads) {
  const auto& in = layer.input_shapes[0];
  const auto& os = layer.output_shape;
  std::vector<float> gx(x.size(), 0.0f);
  activationBackward(n.activation, out, g);
  switch (n.kind) {
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D: {
      const bool dw = n.kind == NodeKind::DepthwiseConv2D;
      const auto pad = paddingOf(n, in);
      const int cin = in[3], cout = os[3], kh = n.kernel_h, kw = n.kernel_w;
      for (int oy = 0; oy < os[1]; ++oy)
        for (int ox = 0; ox < os[2]; ++ox)
          for (int oc = 0; oc < cout; ++oc) {
            const float go = g[(oy * os[2] + ox) * cout + oc];
            if (go == 0.0f) continue;
            grads.bias[oc] += go;
            for (int ky = 0; ky < kh; ++ky) {
              const int iy = oy * n.stride_h - pad.height + ky;
              if (iy < 0 || iy >= in[1]) continue;
              for (int kx = 0; kx < kw; ++kx) {
                const int ix = ox * n.stride_w - pad.width + kx;
                if (ix < 0 || ix >= in[2]) continue;
                const int xi = (iy * in[2] + ix) * cin;
                if (dw) {
                  const int wi = (ky * kw + kx) * cout + oc;
                  grads.filter[wi] += go * x[xi + oc];
                  gx[xi + oc] += go * w.filter[wi];
                } else {
                  const int wi = ((oc * kh + ky) * kw + kx) * cin;
                  for (int ic = 0; ic < cin; ++ic) {
                    grads.filter[wi + ic] += go * x[xi + ic];
                    gx[xi + ic] += go * w.filter[wi + ic];
                  }
                }
              }
            }
          }
      break;
    }
    case NodeKind::FullyConnected: {
      const int features = w.filter_shape[1], units = w.filter_shape[0];
      for (int u = 0; u < units; ++u) {
        grads.bias[u] += g[u];
        for (int d = 0; d < features; ++d) {
          grads.filter[u * features + d] += g[u] * x[d];
          gx[d] += g[u] * w.filter[u * features + d];
        }
      }
      break;
    }
    case NodeKind::Mean: {
      const int cells = in[1] * in[2], c = in[3];
      for (int i = 0; i < cells; ++i)
        for (int k = 0; k < c; ++k) gx[i * c + k] = g[k] / static_cast<float>(cells);
      break;
    }
    default: ADD_FAILURE() << "no backward pass for " << n.name;
  }
  return gx;
}

// Adam on every weighted layer's float constants, mini-batches of 32.
Graph train(Graph g, const std::vector<Example>& data, int epochs) {
  struct State {
    std::vector<float> m, v;
  };
  std::map<std::string, std::pair<State, State>> adam;  // filter, bias
  const float lr = 0.01f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  int step = 0;
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  Rng shuffle(99);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[shuffle.next() % (i + 1)]);
    for (size_t start = 0; start < order.size(); start += 32) {
      const FloatModel model(g);
      const ShapedGraph& s = model.graph();
      std::map<int, Grads> grads;
      for (size_t l = 0; l < s.layers.size(); ++l)
        if (!model.weights(static_cast<int>(l)).filter.empty())
          grads[static_cast<int>(l)] = {std::vector<float>(model.weights(static_cast<int>(l)).filter.size(), 0.0f),
                                        std::vector<float>(s.layers[l].output_shape.back(), 0.0f)};
      const size_t end = std::min(order.size(), start + 32);
      for (size_t k = start; k < end; ++k) {
        const Example& e = data[order[k]];
        const auto values = model.runAll(FloatSample{e.image});
        int l = static_cast<int>(s.layers.size()) - 1;  // softmax: dL/dlogits = p - onehot
        std::vector<float> g = values[l];
        g[e.label] -= 1.0f;
        l = s.layers[l].inputs[0];
        while (s.node(l).kind != NodeKind::Input) {
          const int producer = s.layers[l].inputs[0];
          Grads scratch;
          Grads& target = grads.count(l) ? grads[l] : scratch;
          g = layerBackward(s.node(l), s.layers[l], model.weights(l), values[producer], values[l], std::move(g), target);
          l = producer;
        }
      }
      ++step;
      const float scale = 1.0f / static_cast<float>(end - start);
      for (auto& [l, gr] : grads) {
        Node& node = *g.find(s.node(l).name);
        FloatLayerWeights w = model.weights(l);
        auto& [fs, bs] = adam[node.name];
        auto update = [&](std::vector<float>& p, const std::vector<float>& grad, State& st) {
          if (st.m.empty()) st.m.assign(p.size(), 0.0f), st.v.assign(p.size(), 0.0f);
          for (size_t i = 0; i < p.size(); ++i) {
            const float gi = grad[i] * scale;
            st.m[i] = b1 * st.m[i] + (1 - b1) * gi;
            st.v[i] = b2 * st.v[i] + (1 - b2) * gi * gi;
            const float mh = st.m[i] / (1 - std::pow(b1, static_cast<float>(step)));
            const float vh = st.v[i] / (1 - std::pow(b2, static_cast<float>(step)));
            p[i] -= lr * mh / (std::sqrt(vh) + eps);
          }
        };
        update(w.filter, gr.filter, fs);
        update(w.bias, gr.bias, bs);
        node.constants = {floatConstant("filter", w.filter_shape, w.filter),
                          floatConstant("bias", {static_cast<int32_t>(w.bias.size())}, w.bias)};
      }
    }
  }
  return g;
}

double floatAccuracy(const FloatModel& model, const std::vector<Example>& data) {
  int correct = 0;
  for (const Example& e : data) correct += argmax(model.run(e.image)) == e.label;
  return 100.0 * correct / static_cast<double>(data.size());
}

#ifdef TINYFORGE_QUANT_HAVE_INTERPRETER
// Accuracy of the int8 model and how often it agrees with the float model's prediction.
std::pair<double, double> int8Accuracy(const Graph& quantized, const FloatModel& float_model,
                                       const std::vector<Example>& data) {
  Interpreter interpreter(inferShapes(quantized));
  const InterpreterTensor& in = interpreter.inputs().at(0);
  int correct = 0, agree = 0;
  for (const Example& e : data) {
    auto buffer = interpreter.inputBuffer(0);
    kernels::quantizeFloatToInt8({in.scale, in.zero_point}, e.image,
                                 std::span<int8_t>(reinterpret_cast<int8_t*>(buffer.data()), buffer.size()));
    interpreter.invoke();
    const auto out = interpreter.outputBuffer(0);
    std::vector<float> scores(out.size());
    for (size_t k = 0; k < out.size(); ++k) scores[k] = static_cast<int8_t>(out[k]);
    const int predicted = argmax(scores);
    correct += predicted == e.label;
    agree += predicted == argmax(float_model.run(e.image));
  }
  const double n = static_cast<double>(data.size());
  return {100.0 * correct / n, 100.0 * agree / n};
}
#endif

TEST(QuantizedAccuracy, Int8WithinOnePointOfFloatOnTheStripesTask) {
  const auto train_set = makeExamples(1600, 1);
  const auto test_set = makeExamples(800, 2);
  const Graph trained = train(untrainedModel(), train_set, 12);
  const FloatModel float_model(trained);
  const double float_acc = floatAccuracy(float_model, test_set);
  std::printf("float accuracy: %.2f%% on %zu test images (chance 25%%)\n", float_acc, test_set.size());
  // Training worked: far above chance, below 100 so that the comparison means something.
  EXPECT_GT(float_acc, 80.0);

  std::vector<FloatSample> calibration;
  for (int i = 0; i < 200; ++i) calibration.push_back({train_set[static_cast<size_t>(i)].image});
  const Graph int8_model = quantize(trained, calibration);
#ifdef TINYFORGE_QUANT_HAVE_INTERPRETER
  const auto [int8_acc, agreement] = int8Accuracy(int8_model, float_model, test_set);
  std::printf("int8 accuracy:  %.2f%% (agrees with the float prediction on %.2f%%)\n", int8_acc, agreement);
  RecordProperty("float_accuracy", std::to_string(float_acc));
  RecordProperty("int8_accuracy", std::to_string(int8_acc));
  EXPECT_LE(std::fabs(int8_acc - float_acc), 1.0);
  EXPECT_GT(agreement, 97.0);

  QuantizeOptions int4;
  int4.weight_type = DataType::Int4;
  const auto [int4_acc, int4_agreement] = int8Accuracy(quantize(trained, calibration, int4), float_model, test_set);
  std::printf("int4-weight accuracy: %.2f%% (agrees with float on %.2f%%)\n", int4_acc, int4_agreement);
  RecordProperty("int4_weight_accuracy", std::to_string(int4_acc));
  // Post-training int4 (15 levels) loses more; it must still be a working classifier.
  EXPECT_GT(int4_acc, float_acc - 15.0);
#else
  GTEST_SKIP() << "core/interpreter is not built; float accuracy " << float_acc;
#endif
}

}  // namespace
}  // namespace tinyforge
