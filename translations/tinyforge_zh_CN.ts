<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>NodeKind</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Depthwise convolution</source>
        <translation>深度卷积</translation>
    </message>
    <message>
        <source>Fully connected</source>
        <translation>全连接</translation>
    </message>
    <message>
        <source>Average pooling</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <source>Max pooling</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <source>Global average pooling</source>
        <translation>全局平均池化</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>相加</translation>
    </message>
    <message>
        <source>Concatenation</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Pad</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>重塑</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Dequantize</source>
        <translation>反量化</translation>
    </message>
    <message>
        <source>Depthwise separable</source>
        <translation>深度可分离</translation>
    </message>
    <message>
        <source>Inverted bottleneck</source>
        <translation>倒残差瓶颈</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>残差</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>移动 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Quantizing and writing the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written: the model does not fit every board. %1 Untick those boards or export anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: nothing written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory map and report for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Writing %n file(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>keyword spotting (GSC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visual wake words (VWW)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anomaly detection (MIMII)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model Flash (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ops (M, 1 MAC = 2 ops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open the published figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MicroNets Table 4 (Banbury et al., MLSys 2021)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TinyForge estimate (%1) of %2; accuracy as published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 epoch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>int8 test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supernet validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mops</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tinyforge::BoardDashboard</name>
    <message>
        <source>Runtime:</source>
        <translation>运行时：</translation>
    </message>
    <message>
        <source>TFLite Micro (reference kernels)</source>
        <translation>TFLite Micro（参考内核）</translation>
    </message>
    <message>
        <source>TFLite Micro + CMSIS-NN</source>
        <translation>TFLite Micro + CMSIS-NN</translation>
    </message>
    <message>
        <source>In-place code generation</source>
        <translation>原地代码生成</translation>
    </message>
    <message>
        <source>Boards…</source>
        <translation>开发板…</translation>
    </message>
    <message>
        <source>Latency budget:</source>
        <translation>延迟预算：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Energy budget:</source>
        <translation>能耗预算：</translation>
    </message>
    <message>
        <source> mJ</source>
        <translation> 毫焦</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>开发板</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>SRAM</source>
        <translation>SRAM</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>FPS</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Energy / inference</source>
        <translation>每次推理能耗</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Choose boards with the Boards… button to see whether the model fits.</source>
        <translation>用“开发板…”按钮选择开发板，查看模型是否装得下。</translation>
    </message>
    <message>
        <source>%1 FPS (needs %2)</source>
        <translation>%1 帧/秒（需要 %2）</translation>
    </message>
    <message>
        <source>%1 mJ / %2 mJ</source>
        <translation>%1 毫焦 / %2 毫焦</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>装得下</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>装不下</translation>
    </message>
    <message>
        <source>fits, too slow</source>
        <translation>装得下，但太慢</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">无</translation>
    </message>
    <message>
        <source>The most time one inference may take. 0 = no budget: latency is shown without a verdict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or target rate:</source>
        <translation>或目标帧率：</translation>
    </message>
    <message>
        <source> FPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inferences per second the application needs; sets the latency budget to 1000 / FPS ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most energy one inference may use. 0 = no budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add custom board…</source>
        <translation>添加自定义开发板…</translation>
    </message>
    <message>
        <source>Edit custom board</source>
        <translation>编辑自定义开发板</translation>
    </message>
    <message>
        <source>%1 FPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mJ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tinyforge::BoardDialog</name>
    <message>
        <source>Edit custom board</source>
        <translation>编辑自定义开发板</translation>
    </message>
    <message>
        <source>Add custom board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A board of this project. Its latency model is borrowed from a known board with a similar core (per cycle, so it follows the clock) and marked as estimated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower-case key used by projects and the CLI: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DSP extension (Armv7E-M / Armv8-M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helium (MVE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scalar (no SIMD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which CMSIS-NN kernels the core runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instruction set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MHz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core clock while running inference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM the model may use (the arena must fit in one block).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash for the model and the runtime code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active power:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board power while running inference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep power:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power between inferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency model like:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id: enter a short key, e.g. my-board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id: &apos;%1&apos; may only hold lower-case letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id: a board &apos;%1&apos; exists already; choose another id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part number: enter the MCU&apos;s part number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core: enter the CPU core, e.g. cortex-m4f.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM</source>
        <translation type="unfinished">SRAM</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation type="unfinished">Flash</translation>
    </message>
    <message>
        <source>Active power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be above %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is implausibly large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep power must not exceed active power.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency model: no known board to borrow it from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 SRAM, %3 Flash, %4 MHz.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tinyforge::EstimateService</name>
    <message>
        <source>The model is empty.</source>
        <translation>模型为空。</translation>
    </message>
    <message>
        <source>This build has no estimator.</source>
        <translation>此版本不含估算器。</translation>
    </message>
</context>
<context>
    <name>tinyforge::ExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the exported files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFLite model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory map</source>
        <translation type="unfinished">内存布局</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write zero placeholder weights (for sizes and a first build on the board)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration samples (.npy or raw float32) to quantize the float weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export even for boards the model does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the report when done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>This build has no exporter (core/export).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one kind of file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has no trained weights (it was drawn or is a reference architecture): tick the placeholder weights to export it for its sizes, or import a trained .tflite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights are float32: give calibration samples to quantize them to int8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelling after the current step…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tinyforge::GraphDocument</name>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Insert %1</source>
        <translation>插入 %1</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>断开 %n 条连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>删除 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>将 %1 连接到 %2</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>断开 %1 与 %2</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
</context>
<context>
    <name>tinyforge::GraphScene</name>
    <message>
        <source>%1 MACs</source>
        <translation>%1 次乘加</translation>
    </message>
</context>
<context>
    <name>tinyforge::InspectorWidget</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Output channels</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>Kernel height</source>
        <translation>卷积核高度</translation>
    </message>
    <message>
        <source>Kernel width</source>
        <translation>卷积核宽度</translation>
    </message>
    <message>
        <source>Stride (height)</source>
        <translation>步长（高）</translation>
    </message>
    <message>
        <source>Stride (width)</source>
        <translation>步长（宽）</translation>
    </message>
    <message>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Expansion</source>
        <translation>扩展倍数</translation>
    </message>
    <message>
        <source>Depth multiplier</source>
        <translation>深度乘数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>top, bottom, left, right</source>
        <translation>上, 下, 左, 右</translation>
    </message>
    <message>
        <source>Padding sizes</source>
        <translation>填充大小</translation>
    </message>
    <message>
        <source>8 bit (int8)</source>
        <translation>8 位 (int8)</translation>
    </message>
    <message>
        <source>16 bit (int16)</source>
        <translation>16 位 (int16)</translation>
    </message>
    <message>
        <source>32 bit (float32)</source>
        <translation>32 位 (float32)</translation>
    </message>
    <message>
        <source>Activation bits</source>
        <translation>激活位宽</translation>
    </message>
    <message>
        <source>4 bit (int4)</source>
        <translation>4 位 (int4)</translation>
    </message>
    <message>
        <source>Weight bits</source>
        <translation>权重位宽</translation>
    </message>
    <message>
        <source>e.g. 16, 32, 48, 64 (empty: fixed)</source>
        <translation>例如 16, 32, 48, 64（留空：固定）</translation>
    </message>
    <message>
        <source>Search widths</source>
        <translation>搜索宽度</translation>
    </message>
    <message>
        <source>Search may skip this layer</source>
        <translation>搜索可跳过此层</translation>
    </message>
    <message>
        <source>Skippable</source>
        <translation>可跳过</translation>
    </message>
    <message>
        <source>A layer needs a name.</source>
        <translation>层需要一个名称。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;, starting with a letter.</source>
        <translation>请使用字母、数字、&apos;_&apos;、&apos;-&apos; 和 &apos;.&apos;，并以字母开头。</translation>
    </message>
    <message>
        <source>Another layer is already called &apos;%1&apos;.</source>
        <translation>已有另一层名为 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Enter at least one number.</source>
        <translation>请至少输入一个数字。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number.</source>
        <translation>&apos;%1&apos; 不是整数。</translation>
    </message>
    <message>
        <source>%1 is too small here.</source>
        <translation>%1 在此处太小。</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 太大。</translation>
    </message>
    <message>
        <source>Select a layer on the canvas to edit it.</source>
        <translation>在画布上选择一层以编辑。</translation>
    </message>
</context>
<context>
    <name>tinyforge::LayerTableModel</name>
    <message>
        <source>Live activations peak at this layer: %1</source>
        <translation>活动激活在此层达到峰值：%1</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Latency share</source>
        <translation>延迟占比</translation>
    </message>
</context>
<context>
    <name>tinyforge::MainWindow</name>
    <message>
        <source>Notes about this project: targets, measurements, decisions…</source>
        <translation>项目笔记：目标、测量、决策…</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Memory map</source>
        <translation>内存布局</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>TinyForge designs neural networks that fit microcontrollers: drag layers from the palette, connect them, and watch Flash, SRAM and latency per board.</source>
        <translation>TinyForge 设计能装进微控制器的神经网络：从组件面板拖入层并连接，即可查看每块开发板的 Flash、SRAM 和延迟。</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>开发板</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件面板</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Board dashboard</source>
        <translation>开发板仪表盘</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>New from &amp;template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export graph as JSON…</source>
        <translation>导出图为 JSON(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Auto &amp;layout</source>
        <translation>自动布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language changes when the studio starts next.</source>
        <translation>语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TinyForge</source>
        <translation>关于 TinyForge(&amp;A)</translation>
    </message>
    <message>
        <source>About TinyForge</source>
        <translation>关于 TinyForge</translation>
    </message>
    <message>
        <source>&lt;b&gt;TinyForge Studio %1&lt;/b&gt;&lt;p&gt;Design neural networks that fit microcontrollers: Flash, SRAM, latency and energy per board for TensorFlow Lite Micro, at every edit.&lt;/p&gt;</source>
        <translation>&lt;b&gt;TinyForge Studio %1&lt;/b&gt;&lt;p&gt;设计能装进微控制器的神经网络：每次编辑都显示各开发板在 TensorFlow Lite Micro 下的 Flash、SRAM、延迟和能耗。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>New from template</source>
        <translation>从模板新建</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>TinyForge projects and models (*.tfproj *.json *.tflite);;Projects (*.tfproj);;Graphs (*.json);;TFLite models (*.tflite)</source>
        <translation>TinyForge 项目和模型 (*.tfproj *.json *.tflite);;项目 (*.tfproj);;图 (*.json);;TFLite 模型 (*.tflite)</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>无法保存 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>TinyForge projects (*.tfproj)</source>
        <translation>TinyForge 项目 (*.tfproj)</translation>
    </message>
    <message>
        <source>Export graph</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Graph JSON (*.json)</source>
        <translation>图 JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>TinyForge ended without saving your work (autosaved %1). Recover it?</source>
        <translation>TinyForge 退出时未保存您的工作（自动保存于 %1）。要恢复吗？</translation>
    </message>
    <message>
        <source>TinyForge</source>
        <translation>TinyForge</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>项目有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>%1%2 — TinyForge Studio</source>
        <translation>%1%2 — TinyForge Studio</translation>
    </message>
    <message>
        <source>Shape error: %1</source>
        <translation>形状错误：%1</translation>
    </message>
    <message>
        <source>%1 layers, %2 MACs, %3 parameters</source>
        <translation>%1 层，%2 次乘加，%3 个参数</translation>
    </message>
    <message>
        <source> | estimate %1 ms</source>
        <translation> | 估算 %1 毫秒</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for &amp;boards…</source>
        <translation>为开发板导出(&amp;B)…</translation>
    </message>
    <message>
        <source>Write the int8 .tflite, C sources, memory maps and HTML reports for the chosen boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 (%2) from the Pareto explorer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tinyforge::MemoryMapView</name>
    <message>
        <source>Arena plan on %1 (%2): head %3, lower bound %4</source>
        <translation>%1 上的内存池规划（%2）：头部 %3，下界 %4</translation>
    </message>
    <message>
        <source>%1
size %2 at offset %3
produced by %4
live from operator %5 to %6</source>
        <translation>%1
大小 %2，偏移 %3
由 %4 产生
存活于算子 %5 到 %6</translation>
    </message>
    <message>
        <source>(graph input)</source>
        <translation>（图输入）</translation>
    </message>
    <message>
        <source>No arena plan: choose a board and draw a valid model.</source>
        <translation>无内存池规划：请选择开发板并绘制有效模型。</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>算子</translation>
    </message>
</context>
<context>
    <name>tinyforge::NewFromTemplateDialog</name>
    <message>
        <source>New from template</source>
        <translation>从模板新建</translation>
    </message>
    <message>
        <source>Start from a reference model or a search backbone:</source>
        <translation>从参考模型或搜索骨干网络开始：</translation>
    </message>
</context>
<context>
    <name>tinyforge::PaletteWidget</name>
    <message>
        <source>Depthwise %1x%1 then pointwise 1x1 (MobileNet, DS-CNN)</source>
        <translation>深度卷积 %1x%1 后接逐点 1x1（MobileNet、DS-CNN）</translation>
    </message>
    <message>
        <source>Expand 1x1, depthwise %1x%1, project 1x1, residual add (MobileNetV2)</source>
        <translation>扩展 1x1、深度卷积 %1x%1、投影 1x1、残差相加（MobileNetV2）</translation>
    </message>
    <message>
        <source>Two %1x%1 convolutions with a shortcut add (ResNet)</source>
        <translation>两个 %1x%1 卷积加捷径相加（ResNet）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Block templates</source>
        <translation>模块模板</translation>
    </message>
</context>
<context>
    <name>tinyforge::ParetoView</name>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Accuracy against:</source>
        <translation>准确率对比：</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only models that fit this board</source>
        <translation>仅显示适合此开发板的模型</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>published (MicroNets Table 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated by TinyForge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUC (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) shown; on the front: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">无</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) without this figure for this board are not drawn.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (estimated by the source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model Flash: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ops: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit on this board: not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits this board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not fit this board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open it on the canvas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
