<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FigureBreakdown</name>
    <message>
        <source>Flash on %1: %2 of a %3 budget</source>
        <translation>%1 的 Flash：%2，预算 %3</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>runtime code</source>
        <translation>运行时代码</translation>
    </message>
    <message>
        <source>modelled: TFLM&apos;s interpreter and the kernels the model uses, calibrated on published sizes</source>
        <translation>建模：TFLM 解释器及模型用到的算子，按已发布的大小校准</translation>
    </message>
    <message>
        <source>predicted from kernel sizes measured per core (arm-none-eabi-gcc -Os), checked against linked images</source>
        <translation>由按内核测得的算子大小预测（arm-none-eabi-gcc -Os），已与链接后的映像核对</translation>
    </message>
    <message>
        <source>predicted: the deepest kernel call chain from measured frames, checked against the stack measured under QEMU</source>
        <translation>预测：由测得的栈帧得出的最深算子调用链，已与 QEMU 下测得的栈核对</translation>
    </message>
    <message>
        <source>Budget: the board&apos;s Flash less its application reserve.</source>
        <translation>预算：开发板 Flash 减去应用预留。</translation>
    </message>
    <message>
        <source>SRAM on %1: %2 of a %3 budget</source>
        <translation>%1 的 SRAM：%2，预算 %3</translation>
    </message>
    <message>
        <source>arena head</source>
        <translation>arena 头部</translation>
    </message>
    <message>
        <source>replayed: activations and scratch as TFLM&apos;s greedy planner places them</source>
        <translation>重放：按 TFLM 贪心规划器的放置方式计算激活与暂存</translation>
    </message>
    <message>
        <source>arena tail</source>
        <translation>arena 尾部</translation>
    </message>
    <message>
        <source>replayed: TFLM&apos;s persistent runtime structures, allocation by allocation</source>
        <translation>重放：TFLM 的持久运行时结构，逐次分配</translation>
    </message>
    <message>
        <source>runtime statics and stack</source>
        <translation>运行时静态数据和栈</translation>
    </message>
    <message>
        <source>measured: MicroNets&apos; figure for the TFLM interpreter</source>
        <translation>实测：MicroNets 论文中 TFLM 解释器的数值</translation>
    </message>
    <message>
        <source>The replay equals TFLM&apos;s own figures to the byte on the ten reference models (tests/core/runtime).</source>
        <translation>在十个参考模型上，重放结果与 TFLM 自身的数值逐字节一致（tests/core/runtime）。</translation>
    </message>
    <message>
        <source>Lower bound (most activation bytes live at once): %1</source>
        <translation>下界（同时存活的激活字节最大值）：%1</translation>
    </message>
    <message>
        <source>Budget: the largest contiguous SRAM region (the arena must be one block) less the reserve.</source>
        <translation>预算：最大的连续 SRAM 区域（arena 必须是一整块）减去预留。</translation>
    </message>
    <message>
        <source>Latency on %1: %2</source>
        <translation>%1 上的延迟：%2</translation>
    </message>
    <message>
        <source>  layers: %1, fixed cost per inference: %2</source>
        <translation>  各层：%1，每次推理的固定开销：%2</translation>
    </message>
    <message>
        <source>  %1 of %2 layers measured on this board, the others modelled</source>
        <translation>  %2 层中有 %1 层在此开发板上实测，其余为建模</translation>
    </message>
    <message>
        <source>Modelled, estimated: this board&apos;s coefficients are not fitted to its own measurements</source>
        <translation>建模（估算）：此开发板的系数并非拟合自其自身的测量</translation>
    </message>
    <message>
        <source>Modelled: per-layer MACs per cycle fitted to published measurements of this board</source>
        <translation>建模：每层每周期 MAC 数，拟合自此开发板的已发表测量</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Inferences per second back to back: 1000 / %1 = %2 (modelled, from the latency)</source>
        <translation>连续推理时每秒推理次数：1000 / %1 = %2（建模，由延迟得出）</translation>
    </message>
    <message>
        <source>Energy per inference on %1: %2</source>
        <translation>%1 上每次推理能耗：%2</translation>
    </message>
    <message>
        <source>  active power %1 mW × latency %2 (modelled)</source>
        <translation>  工作功耗 %1 mW × 延迟 %2（建模）</translation>
    </message>
    <message>
        <source>Power: %1</source>
        <translation>功耗：%1</translation>
    </message>
    <message>
        <source>exact: the size of the imported file (unedited)</source>
        <translation>精确：导入文件的大小（未编辑）</translation>
    </message>
    <message>
        <source>exact: the size of the .tflite export writes (as TinyForge would write it)</source>
        <translation>精确：导出写出的 .tflite 的大小（按 TinyForge 的写法）</translation>
    </message>
    <message>
        <source>exact: the weights, parameters and descriptors the generated C stores (checked against linked images)</source>
        <translation>精确：生成的 C 代码存储的权重、参数和描述符（已与链接后的镜像核对）</translation>
    </message>
    <message>
        <source>arena</source>
        <translation>内存池</translation>
    </message>
    <message>
        <source>exact: the generated C&apos;s static arena (in-place depthwise, reshape aliases, the kernels&apos; scratch), checked against linked images</source>
        <translation>精确：生成的 C 代码的静态内存池（原地深度卷积、reshape 别名、内核临时缓冲区），已与链接后的镜像核对</translation>
    </message>
    <message>
        <source>stack</source>
        <translation>栈</translation>
    </message>
</context>
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
        <translation>Softmax（归一化指数）</translation>
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
    <name>ProjectLock</name>
    <message>
        <source>%1 was not closed properly: the TinyForge that had it open (process %2) ended without closing it (killed or crashed). The project is as it was last saved.</source>
        <translation>%1 未被正常关闭：打开它的 TinyForge（进程 %2）未关闭它就结束了（被终止或崩溃）。项目保持上次保存时的状态。</translation>
    </message>
    <message>
        <source>%1 is open in another TinyForge (process %2 on %3). Close it there first, or save a copy under another name.</source>
        <translation>%1 已在另一个 TinyForge 中打开（%3 上的进程 %2）。请先在那里关闭，或以其他名称另存一份副本。</translation>
    </message>
    <message>
        <source>%1: cannot create the lock file %2 (a read-only folder?); another TinyForge could open the project at the same time.</source>
        <translation>%1：无法创建锁文件 %2（只读文件夹？）；另一个 TinyForge 可能同时打开该项目。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 generation %2: %3</source>
        <translation>%1 第 %2 代：%3</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>移动 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Quantizing and writing the model…</source>
        <translation>正在量化并写出模型…</translation>
    </message>
    <message>
        <source>Nothing written: the model does not fit every board. %1 Untick those boards or export anyway.</source>
        <translation>未写出任何文件：模型并非在每块开发板上都装得下。%1 请取消勾选这些开发板，或仍然导出。</translation>
    </message>
    <message>
        <source>Cancelled: nothing written.</source>
        <translation>已取消：未写出任何文件。</translation>
    </message>
    <message>
        <source>Memory map and report for %1…</source>
        <translation>正在生成 %1 的内存布局和报告…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n file(s)…</source>
        <translation>
            <numerusform>正在写出 %n 个文件…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个文件写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>keyword spotting (GSC)</source>
        <translation>关键词识别（GSC）</translation>
    </message>
    <message>
        <source>visual wake words (VWW)</source>
        <translation>视觉唤醒词（VWW）</translation>
    </message>
    <message>
        <source>anomaly detection (MIMII)</source>
        <translation>异常检测（MIMII）</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已发表</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>SRAM (KiB)</source>
        <translation>SRAM (KiB)</translation>
    </message>
    <message>
        <source>Model Flash (KiB)</source>
        <translation>模型 Flash (KiB)</translation>
    </message>
    <message>
        <source>Ops (M, 1 MAC = 2 ops)</source>
        <translation>运算量 (M，1 次乘加 = 2 次运算)</translation>
    </message>
    <message>
        <source>%1: cannot open the published figures</source>
        <translation>%1：无法打开已发表的数据</translation>
    </message>
    <message>
        <source>MicroNets Table 4 (Banbury et al., MLSys 2021)</source>
        <translation>MicroNets 表 4（Banbury 等，MLSys 2021）</translation>
    </message>
    <message>
        <source>TinyForge estimate (%1) of %2; accuracy as published</source>
        <translation>TinyForge 对 %2 的估算（%1）；准确率为已发表值</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1（最终）</translation>
    </message>
    <message>
        <source>%1 epoch %2</source>
        <translation>%1 第 %2 轮</translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <source>int8 test</source>
        <translation>int8 测试</translation>
    </message>
    <message>
        <source>supernet validation</source>
        <translation>超网络验证</translation>
    </message>
    <message>
        <source>%1 Mops</source>
        <translation>%1 Mops</translation>
    </message>
    <message>
        <source>Delete board %1</source>
        <translation>删除开发板 %1</translation>
    </message>
    <message>
        <source>Nothing written: the generated firmware does not fit %1 (%2). Untick the board or export anyway.</source>
        <translation>未写入任何文件：生成的固件放不进 %1（%2）。取消勾选该开发板，或仍然导出。</translation>
    </message>
    <message>
        <source>Building the firmware…</source>
        <translation>正在构建固件…</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>B</source>
        <comment>bytes</comment>
        <translation>B</translation>
    </message>
    <message>
        <source>KiB</source>
        <comment>1024 bytes</comment>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <comment>1024 KiB</comment>
        <translation>MiB</translation>
    </message>
    <message>
        <source>ms</source>
        <comment>milliseconds</comment>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>FPS</source>
        <comment>inferences per second</comment>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>mJ</source>
        <comment>millijoules</comment>
        <translation>毫焦</translation>
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
        <source>Boards…</source>
        <translation>开发板…</translation>
    </message>
    <message>
        <source>Latency budget:</source>
        <translation>延迟预算：</translation>
    </message>
    <message>
        <source>Energy budget:</source>
        <translation>能耗预算：</translation>
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
        <translation>无</translation>
    </message>
    <message>
        <source>The most time one inference may take. 0 = no budget: latency is shown without a verdict.</source>
        <translation>单次推理允许的最长时间。0 = 无预算：只显示延迟，不给结论。</translation>
    </message>
    <message>
        <source>or target rate:</source>
        <translation>或目标帧率：</translation>
    </message>
    <message>
        <source>Inferences per second the application needs; sets the latency budget to 1000 / FPS ms.</source>
        <translation>应用所需的每秒推理次数；将延迟预算设为 1000 / FPS ms。</translation>
    </message>
    <message>
        <source>The most energy one inference may use. 0 = no budget.</source>
        <translation>单次推理允许消耗的最大能量。0 = 无预算。</translation>
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
        <source>Delete custom board</source>
        <translation>删除自定义开发板</translation>
    </message>
    <message>
        <source> (custom: your figures)</source>
        <translation>（自定义：您填写的数值）</translation>
    </message>
    <message>
        <source> (latency estimated)</source>
        <translation>（延迟为估算）</translation>
    </message>
    <message>
        <source>custom: your figures</source>
        <translation>自定义：您填写的数值</translation>
    </message>
    <message>
        <source>latency estimated</source>
        <translation>延迟为估算</translation>
    </message>
    <message>
        <source>A board of this project: its figures are the ones you entered, its latency model is borrowed from a measured board with a similar core.</source>
        <translation>本项目的开发板：其数值为您填写的数值，延迟模型借用自内核相近且经过实测的开发板。</translation>
    </message>
    <message>
        <source>%1 (needs %2)</source>
        <translation>%1（需要 %2）</translation>
    </message>
    <message>
        <source>no figures</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>TinyForge generated C (tinyforge-c)</source>
        <translation>TinyForge 生成的 C 代码（tinyforge-c）</translation>
    </message>
    <message>
        <source>Planner:</source>
        <translation>规划器：</translation>
    </message>
    <message>
        <source>TFLM greedy</source>
        <translation>TFLM 贪心</translation>
    </message>
    <message>
        <source>Best (offline plan in the .tflite)</source>
        <translation>最优（.tflite 中的离线规划）</translation>
    </message>
    <message>
        <source>Who places the arena&apos;s buffers. The best planner&apos;s plan is exported inside the .tflite (OfflineMemoryAllocation), so an unmodified TFLM uses it.</source>
        <translation>由谁安排内存池中的缓冲区。最优规划器的方案会写入导出的 .tflite（OfflineMemoryAllocation），未经修改的 TFLM 也会使用它。</translation>
    </message>
    <message>
        <source>Reorder operators</source>
        <translation>重排算子</translation>
    </message>
    <message>
        <source>Run the operators in the order with the smallest peak memory (branched graphs); export writes them in that order.</source>
        <translation>按峰值内存最小的顺序执行算子（有分支的图）；导出时按此顺序写入。</translation>
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
        <translation>添加自定义开发板</translation>
    </message>
    <message>
        <source>A board of this project. Its latency model is borrowed from a known board with a similar core (per cycle, so it follows the clock) and marked as estimated.</source>
        <translation>本项目的开发板。其延迟模型借用自内核相近的已知开发板（按周期计，因此随时钟频率变化），并标记为估算值。</translation>
    </message>
    <message>
        <source>Lower-case key used by projects and the CLI: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>项目和 CLI 使用的小写标识：字母、数字、&apos;-&apos; 和 &apos;_&apos;。</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>标识：</translation>
    </message>
    <message>
        <source>Part number:</source>
        <translation>型号：</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>内核：</translation>
    </message>
    <message>
        <source>DSP extension (Armv7E-M / Armv8-M)</source>
        <translation>DSP 扩展（Armv7E-M / Armv8-M）</translation>
    </message>
    <message>
        <source>Helium (MVE)</source>
        <translation>Helium (MVE)</translation>
    </message>
    <message>
        <source>Scalar (no SIMD)</source>
        <translation>标量（无 SIMD）</translation>
    </message>
    <message>
        <source>Which CMSIS-NN kernels the core runs.</source>
        <translation>内核运行哪一类 CMSIS-NN 算子。</translation>
    </message>
    <message>
        <source>Instruction set:</source>
        <translation>指令集：</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>时钟：</translation>
    </message>
    <message>
        <source>MHz</source>
        <translation>MHz</translation>
    </message>
    <message>
        <source>Core clock while running inference.</source>
        <translation>推理时的内核时钟频率。</translation>
    </message>
    <message>
        <source>SRAM:</source>
        <translation>SRAM：</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>SRAM the model may use (the arena must fit in one block).</source>
        <translation>模型可用的 SRAM（内存池必须放在同一块连续区域内）。</translation>
    </message>
    <message>
        <source>Flash:</source>
        <translation>Flash：</translation>
    </message>
    <message>
        <source>Flash for the model and the runtime code.</source>
        <translation>用于模型和运行时代码的 Flash。</translation>
    </message>
    <message>
        <source>Active power:</source>
        <translation>工作功耗：</translation>
    </message>
    <message>
        <source>mW</source>
        <translation>mW</translation>
    </message>
    <message>
        <source>Board power while running inference.</source>
        <translation>推理时开发板的功耗。</translation>
    </message>
    <message>
        <source>Sleep power:</source>
        <translation>休眠功耗：</translation>
    </message>
    <message>
        <source>Power between inferences.</source>
        <translation>两次推理之间的功耗。</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>价格：</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>美元</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>可选。</translation>
    </message>
    <message>
        <source>Latency model like:</source>
        <translation>延迟模型参照：</translation>
    </message>
    <message>
        <source>Id: enter a short key, e.g. my-board.</source>
        <translation>标识：请输入简短的标识，例如 my-board。</translation>
    </message>
    <message>
        <source>Id: &apos;%1&apos; may only hold lower-case letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>标识：&apos;%1&apos; 只能包含小写字母、数字、&apos;-&apos; 和 &apos;_&apos;。</translation>
    </message>
    <message>
        <source>Id: a board &apos;%1&apos; exists already; choose another id.</source>
        <translation>标识：开发板 &apos;%1&apos; 已存在，请换一个标识。</translation>
    </message>
    <message>
        <source>Part number: enter the MCU&apos;s part number.</source>
        <translation>型号：请输入 MCU 的型号。</translation>
    </message>
    <message>
        <source>Core: enter the CPU core, e.g. cortex-m4f.</source>
        <translation>内核：请输入 CPU 内核，例如 cortex-m4f。</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>SRAM</source>
        <translation>SRAM</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Active power</source>
        <translation>工作功耗</translation>
    </message>
    <message>
        <source>Sleep power</source>
        <translation>休眠功耗</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>%1: enter a number.</source>
        <translation>%1：请输入一个数字。</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number.</source>
        <translation>%1：&apos;%2&apos; 不是数字。</translation>
    </message>
    <message>
        <source>%1 must be above %2.</source>
        <translation>%1 必须大于 %2。</translation>
    </message>
    <message>
        <source>%1 must not be negative.</source>
        <translation>%1 不能为负数。</translation>
    </message>
    <message>
        <source>%1: %2 is implausibly large.</source>
        <translation>%1：%2 大得不合理。</translation>
    </message>
    <message>
        <source>Sleep power must not exceed active power.</source>
        <translation>休眠功耗不能超过工作功耗。</translation>
    </message>
    <message>
        <source>Latency model: no known board to borrow it from.</source>
        <translation>延迟模型：没有可供借用的已知开发板。</translation>
    </message>
    <message>
        <source>%1: %2 SRAM, %3 Flash, %4 MHz.</source>
        <translation>%1：%2 SRAM，%3 Flash，%4 MHz。</translation>
    </message>
</context>
<context>
    <name>tinyforge::EstimateService</name>
    <message>
        <source>This build has no estimator.</source>
        <translation>此版本不含估算器。</translation>
    </message>
    <message>
        <source>No layers yet: drag layers from the palette and connect them to the input.</source>
        <translation>还没有层：从组件面板拖入层并连接到输入。</translation>
    </message>
</context>
<context>
    <name>tinyforge::ExploreView</name>
    <message>
        <source>&lt;h3&gt;Explore&lt;/h3&gt;&lt;p&gt;This build of TinyForge Studio has no search engine (core/nas is built with libtorch), so it cannot explore search spaces. Install libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) and rebuild.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;探索&lt;/h3&gt;&lt;p&gt;此版本的 TinyForge Studio 不含搜索引擎（core/nas 需要 libtorch 构建），因此无法探索搜索空间。请安装 libtorch（Debian：&lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;）后重新构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Which input resolution and width multiplier should the search start from? For each pair, random architectures of the scaled backbone are estimated on the board; the curves are the ops distributions (CDF) of those that fit. Further right = larger models fit = more room for accuracy (TinyNAS). Ranked best first.</source>
        <translation>搜索应从哪个输入分辨率和宽度乘数开始？对每一组组合，在开发板上估算缩放后骨干网络的随机架构；曲线为其中装得下的架构的运算量分布（CDF）。越靠右 = 装得下的模型越大 = 准确率提升空间越大（TinyNAS）。按优劣排序，最佳在前。</translation>
    </message>
    <message>
        <source>Architectures sampled per configuration</source>
        <translation>每种配置采样的架构数</translation>
    </message>
    <message>
        <source>Input heights×widths, comma-separated, e.g. 49x10, 40x10, 32x10</source>
        <translation>输入的高×宽，以逗号分隔，例如 49x10, 40x10, 32x10</translation>
    </message>
    <message>
        <source>Width multipliers, comma-separated, e.g. 0.25, 0.5, 0.75, 1</source>
        <translation>宽度乘数，以逗号分隔，例如 0.25, 0.5, 0.75, 1</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>From the canvas</source>
        <translation>取自画布</translation>
    </message>
    <message>
        <source>Resolutions and multipliers around the canvas&apos;s backbone</source>
        <translation>以画布上的骨干网络为中心的分辨率和乘数</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>开发板</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Width multipliers</source>
        <translation>宽度乘数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>采样数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Ops of the sampled models that fit (CDF), per resolution × width multiplier</source>
        <translation>装得下的采样模型的运算量（CDF），按分辨率 × 宽度乘数</translation>
    </message>
    <message>
        <source>Mops (1 MAC = 2 ops)</source>
        <translation>Mops（1 次乘加 = 2 次运算）</translation>
    </message>
    <message>
        <source>fraction of fitting models ≤ x</source>
        <translation>装得下的模型中 ≤ x 的比例</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Width ×</source>
        <translation>宽度 ×</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>装得下</translation>
    </message>
    <message>
        <source>Mean ops of fitting</source>
        <translation>装得下者的平均运算量</translation>
    </message>
    <message>
        <source>Smallest model (Flash / SRAM)</source>
        <translation>最小模型（Flash / SRAM）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Resolution &apos;%1&apos;: write height x width, e.g. 49x10</source>
        <translation>分辨率 &apos;%1&apos;：请写成 高 x 宽，例如 49x10</translation>
    </message>
    <message>
        <source>Width multiplier &apos;%1&apos;: a positive number, e.g. 0.5</source>
        <translation>宽度乘数 &apos;%1&apos;：须为正数，例如 0.5</translation>
    </message>
    <message>
        <source>This build cannot explore (no search engine).</source>
        <translation>此版本无法探索（不含搜索引擎）。</translation>
    </message>
    <message>
        <source>An exploration is already running.</source>
        <translation>已有一个探索正在运行。</translation>
    </message>
    <message>
        <source>Exploring %1 configurations × %2 samples…</source>
        <translation>正在探索 %1 种配置 × %2 个样本…</translation>
    </message>
    <message>
        <source>Cannot explore: %1</source>
        <translation>无法探索：%1</translation>
    </message>
    <message>
        <source>#%1 %2, ×%3: %4 ops mean, %5% fit</source>
        <translation>#%1 %2，×%3：平均 %4 次运算，%5% 装得下</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 / %2%3</translation>
    </message>
    <message>
        <source> (all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>%1 ops</source>
        <translation>%1 次运算</translation>
    </message>
    <message>
        <source>nothing fits</source>
        <translation>均装不下</translation>
    </message>
    <message>
        <source>Best on %1: resolution %2 with width ×%3 (%4 of %5 sampled models fit, %6 ops on average). Budgets: Flash %7, SRAM %8.</source>
        <translation>%1 上的最佳配置：分辨率 %2，宽度 ×%3（%5 个采样模型中有 %4 个装得下，平均 %6 次运算）。预算：Flash %7，SRAM %8。</translation>
    </message>
    <message>
        <source>No sampled model fits %1: try smaller resolutions or width multipliers, or a larger board.</source>
        <translation>没有采样模型能装进 %1：请尝试更小的分辨率或宽度乘数，或换用更大的开发板。</translation>
    </message>
</context>
<context>
    <name>tinyforge::ExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Folder for the exported files</source>
        <translation>导出文件所在的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Boards:</source>
        <translation>开发板：</translation>
    </message>
    <message>
        <source>TFLite model</source>
        <translation>TFLite 模型</translation>
    </message>
    <message>
        <source>C sources</source>
        <translation>C 源文件</translation>
    </message>
    <message>
        <source>Memory map</source>
        <translation>内存布局</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML 报告</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Write zero placeholder weights (for sizes and a first build on the board)</source>
        <translation>写出全零占位权重（用于查看大小和在开发板上首次构建）</translation>
    </message>
    <message>
        <source>Calibration samples (.npy or raw float32) to quantize the float weights</source>
        <translation>用于量化浮点权重的校准样本（.npy 或原始 float32）</translation>
    </message>
    <message>
        <source>Export even for boards the model does not fit</source>
        <translation>即使模型装不下也为该开发板导出</translation>
    </message>
    <message>
        <source>Open the report when done</source>
        <translation>完成后打开报告</translation>
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
        <translation>此版本不含导出器（core/export）。</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择文件夹。</translation>
    </message>
    <message>
        <source>Tick at least one board.</source>
        <translation>请至少勾选一块开发板。</translation>
    </message>
    <message>
        <source>Tick at least one kind of file.</source>
        <translation>请至少勾选一种文件。</translation>
    </message>
    <message>
        <source>The model has no trained weights (it was drawn or is a reference architecture): tick the placeholder weights to export it for its sizes, or import a trained .tflite.</source>
        <translation>该模型没有训练好的权重（它是手绘的或是参考架构）：勾选占位权重以按其大小导出，或导入一个训练好的 .tflite。</translation>
    </message>
    <message>
        <source>The weights are float32: give calibration samples to quantize them to int8.</source>
        <translation>权重为 float32：请提供校准样本，以将其量化为 int8。</translation>
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
        <translation>将在当前步骤完成后取消…</translation>
    </message>
    <message>
        <source>Firmware project</source>
        <translation>固件项目</translation>
    </message>
    <message>
        <source>Per board, a folder with the model as TinyForge&apos;s generated C, its kernels, start-up code and a linker script sized to the board: builds with cmake -B build &amp;&amp; cmake --build build</source>
        <translation>每块开发板一个文件夹：模型（TinyForge 生成的 C 代码）、其内核、启动代码以及按开发板尺寸设定的链接脚本；用 cmake -B build &amp;&amp; cmake --build build 构建</translation>
    </message>
    <message>
        <source>and build it</source>
        <translation>并构建</translation>
    </message>
    <message>
        <source>Compile each firmware with arm-none-eabi-gcc (ELF and map file in its build-board folder)</source>
        <translation>用 arm-none-eabi-gcc 编译每个固件（ELF 和 map 文件位于其 build-开发板 文件夹中）</translation>
    </message>
</context>
<context>
    <name>tinyforge::FilePathDialog</name>
    <message>
        <source>Open the file yourself</source>
        <translation>请自行打开文件</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>This system has no browser registered to open the report. Open this file in a browser:</source>
        <translation>此系统没有注册可打开报告的浏览器。请在浏览器中打开此文件：</translation>
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
    <message>
        <source>Paste %1</source>
        <translation>粘贴 %1</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>粘贴 %n 个节点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tinyforge::GraphScene</name>
    <message>
        <source>%1 MACs</source>
        <translation>%1 次乘加</translation>
    </message>
    <message>
        <source>Not connected to an input: left out of the figures</source>
        <translation>未连接到输入：不计入数值</translation>
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
    <message>
        <source>Not connected to an input: left out of the figures. Drag from a port to connect it.</source>
        <translation>未连接到输入：不计入数值。从端口拖动即可连接。</translation>
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
        <source>Measured on %1 (operator measurements)</source>
        <translation>在 %1 上实测（算子测量）</translation>
    </message>
    <message>
        <source>Modelled for %1, from a similar board&apos;s fit (estimated)</source>
        <translation>为 %1 建模，取自相近开发板的拟合（估算）</translation>
    </message>
    <message>
        <source>Modelled for %1, fitted to its published measurements</source>
        <translation>为 %1 建模，拟合自其已发表的测量</translation>
    </message>
    <message>
        <source>Latency per layer on %1, the dashboard&apos;s first board</source>
        <translation>各层在 %1（仪表盘中的第一个开发板）上的延迟</translation>
    </message>
    <message>
        <source>Latency on %1</source>
        <translation>%1 上的延迟</translation>
    </message>
    <message>
        <source>Share of latency</source>
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
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>Export for &amp;boards…</source>
        <translation>为开发板导出(&amp;B)…</translation>
    </message>
    <message>
        <source>Write the int8 .tflite, C sources, memory maps and HTML reports for the chosen boards</source>
        <translation>为所选开发板写出 int8 .tflite、C 源文件、内存布局和 HTML 报告</translation>
    </message>
    <message>
        <source>Opened %1 (%2) from the Pareto explorer</source>
        <translation>已从帕累托浏览器打开 %1（%2）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>The search stores its runs and candidates in the project file. Save the project now?</source>
        <translation>搜索会把运行记录和候选模型保存在项目文件中。现在保存项目吗？</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Search %1 finished: its model is in the Pareto tab</source>
        <translation>搜索 %1 已完成：其模型见“帕累托”标签页</translation>
    </message>
    <message>
        <source>A search is running</source>
        <translation>有搜索正在运行</translation>
    </message>
    <message>
        <source>Search %1 is still running.</source>
        <translation>搜索 %1 仍在运行。</translation>
    </message>
    <message>
        <source>Stop it now: the last finished epoch&apos;s checkpoint is kept, and reopening this project lists the run with Resume.
Or keep it running: the window closes and the studio quits when the search has finished.</source>
        <translation>立即停止：保留最后一个已完成轮次的检查点，重新打开此项目时该运行会列出并可“继续”。
或让它继续运行：窗口关闭，搜索完成后 Studio 退出。</translation>
    </message>
    <message>
        <source>Stop and close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
    <message numerus="yes">
        <source>The estimator took %1 for %n board(s).</source>
        <translation>
            <numerusform>估算 %n 个开发板用时 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reconnect neighbours on delete</source>
        <translation>删除时重新连接相邻层(&amp;R)</translation>
    </message>
    <message>
        <source>Deleting a layer connects its input to the layers it fed, where the shapes allow</source>
        <translation>删除某层时，在形状允许的情况下将其输入连接到它原先输出的各层</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n layer(s)</source>
        <translation>
            <numerusform>已复制 %n 层</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n layer(s)</source>
        <translation>
            <numerusform>已粘贴 %n 层</numerusform>
        </translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The studio shows the new language when it starts again.</source>
        <translation>工作室重新启动后显示新语言。</translation>
    </message>
    <message>
        <source>Restart now? The project is reopened (you are asked to save it first).</source>
        <translation>现在重新启动吗？项目会重新打开（会先询问是否保存）。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Cannot start the studio again; the new language shows at the next start.</source>
        <translation>无法重新启动工作室；新语言将在下次启动时显示。</translation>
    </message>
    <message>
        <source>TinyForge Studio user guide</source>
        <translation>TinyForge Studio 用户指南</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Canvas: zoom</source>
        <translation>画布：缩放</translation>
    </message>
    <message>
        <source>Ctrl+mouse wheel</source>
        <translation>Ctrl+鼠标滚轮</translation>
    </message>
    <message>
        <source>Canvas: connect two layers</source>
        <translation>画布：连接两层</translation>
    </message>
    <message>
        <source>drag from a port (the circle above or below a layer) to the other layer</source>
        <translation>从端口（层上方或下方的圆圈）拖到另一层</translation>
    </message>
    <message>
        <source>Canvas: insert a layer on an edge</source>
        <translation>画布：在连线上插入层</translation>
    </message>
    <message>
        <source>drop it from the palette onto the edge</source>
        <translation>从组件面板拖放到连线上</translation>
    </message>
    <message>
        <source>Canvas: select several</source>
        <translation>画布：多选</translation>
    </message>
    <message>
        <source>drag a rectangle on the background, or Ctrl+click</source>
        <translation>在背景上拖出矩形，或 Ctrl+单击</translation>
    </message>
    <message>
        <source>Spin boxes</source>
        <translation>数值框</translation>
    </message>
    <message>
        <source>click into one before the mouse wheel changes it</source>
        <translation>先单击进入，鼠标滚轮才会改变其值</translation>
    </message>
    <message>
        <source>Layers: %1, MACs: %2, parameters: %3</source>
        <translation>层：%1，MAC：%2，参数：%3</translation>
    </message>
    <message>
        <source>not connected, left out of the figures: %1</source>
        <translation>未连接，不计入数值：%1</translation>
    </message>
    <message>
        <source>Restart now? What is open is opened again.</source>
        <translation>现在重新启动吗？当前打开的内容会重新打开。</translation>
    </message>
    <message>
        <source>Patches</source>
        <translation>分块</translation>
    </message>
</context>
<context>
    <name>tinyforge::MemoryMapView</name>
    <message>
        <source>(graph input)</source>
        <translation>（图输入）</translation>
    </message>
    <message>
        <source>{model} on {board} ({runtime}): {verdict}</source>
        <translation>{model} 在 {board}（{runtime}）上：{verdict}</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>装得下</translation>
    </message>
    <message>
        <source>DOES NOT FIT</source>
        <translation>装不下</translation>
    </message>
    <message>
        <source>SRAM arena: head {head}, smallest working arena {arena}, lower bound {bound}</source>
        <translation>SRAM arena：头部 {head}，最小可用 arena {arena}，下界 {bound}</translation>
    </message>
    <message>
        <source>arena offset (bytes)</source>
        <translation>arena 偏移（字节）</translation>
    </message>
    <message>
        <source>operator step (execution order)</source>
        <translation>算子步骤（执行顺序）</translation>
    </message>
    <message>
        <source>activation buffer (colour: the layer that writes it)</source>
        <translation>激活缓冲区（颜色：写入它的层）</translation>
    </message>
    <message>
        <source>kernel scratch</source>
        <translation>算子暂存区</translation>
    </message>
    <message>
        <source>kernel temporaries (one block for all operators)</source>
        <translation>算子临时缓冲区（所有算子共用一块）</translation>
    </message>
    <message>
        <source>persistent tail (runtime structures)</source>
        <translation>持久尾部（运行时结构）</translation>
    </message>
    <message>
        <source>lower bound (most bytes live at once)</source>
        <translation>下界（同时存活的字节最大值）</translation>
    </message>
    <message>
        <source>{memory}: needs {need} of {budget} - {verdict}</source>
        <translation>{memory}：需要 {need}，共 {budget} - {verdict}</translation>
    </message>
    <message>
        <source>SRAM</source>
        <translation>SRAM</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>arena capacity</source>
        <translation>arena 容量</translation>
    </message>
    <message>
        <source>runtime code</source>
        <translation>运行时代码</translation>
    </message>
    <message>
        <source>weights and constants (colour: layer)</source>
        <translation>权重与常量（颜色：层）</translation>
    </message>
    <message>
        <source>graph structure and metadata</source>
        <translation>图结构与元数据</translation>
    </message>
    <message>
        <source>arena head</source>
        <translation>arena 头部</translation>
    </message>
    <message>
        <source>arena tail</source>
        <translation>arena 尾部</translation>
    </message>
    <message>
        <source>runtime statics and stack</source>
        <translation>运行时静态数据和栈</translation>
    </message>
    <message>
        <source>part of a memory bank the model uses</source>
        <translation>模型使用的存储体部分</translation>
    </message>
    <message>
        <source>No arena plan: choose a board and draw a model that shape-checks.</source>
        <translation>没有 arena 规划：请选择开发板并绘制形状检查通过的模型。</translation>
    </message>
    <message>
        <source>%1
%2 at offset %3 B
written by %4
live from operator step %5 to %6</source>
        <translation>%1
%2，偏移 %3 B
由 %4 写入
从算子步骤 %5 存活到 %6</translation>
    </message>
    <message>
        <source>%1
%2 at offset %3 B</source>
        <translation>%1
%2，偏移 %3 B</translation>
    </message>
    <message>
        <source>%1: %2, the model uses %3</source>
        <translation>%1：%2，模型使用 %3</translation>
    </message>
    <message>
        <source>best planner</source>
        <translation>最优规划器</translation>
    </message>
    <message>
        <source>best planner (= TFLM&apos;s)</source>
        <translation>最优规划器（= TFLM 的）</translation>
    </message>
    <message>
        <source>TFLM greedy</source>
        <translation>TFLM 贪心</translation>
    </message>
    <message>
        <source>%1: head %2</source>
        <translation>%1：头部 %2</translation>
    </message>
    <message>
        <source>; %1: %2</source>
        <translation>；%1：%2</translation>
    </message>
    <message>
        <source>; bound %1</source>
        <translation>；下界 %1</translation>
    </message>
    <message>
        <source>; reordering saves %1 (peak %2 → %3)</source>
        <translation>；重排节省 %1（峰值 %2 → %3）</translation>
    </message>
    <message>
        <source>; no operator order has a smaller peak</source>
        <translation>；没有峰值更小的算子顺序</translation>
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
        <translation>开发板：</translation>
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
        <translation>已发表（MicroNets 表 4）</translation>
    </message>
    <message>
        <source>estimated by TinyForge</source>
        <translation>TinyForge 估算</translation>
    </message>
    <message>
        <source>search candidates</source>
        <translation>搜索候选</translation>
    </message>
    <message>
        <source>AUC (%)</source>
        <translation>AUC (%)</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) shown; on the front: %1.</source>
        <translation>
            <numerusform>显示 %n 个模型；位于前沿上的：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) without this figure for this board are not drawn.</source>
        <translation>
            <numerusform>%n 个缺少此开发板该项数据的模型未绘出。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2%</source>
        <translation>%1：%2%</translation>
    </message>
    <message>
        <source> (estimated by the source)</source>
        <translation>（来源的估算值）</translation>
    </message>
    <message>
        <source>Latency on %1: %2</source>
        <translation>%1 上的延迟：%2</translation>
    </message>
    <message>
        <source>SRAM: %1</source>
        <translation>SRAM：%1</translation>
    </message>
    <message>
        <source>Model Flash: %1</source>
        <translation>模型 Flash：%1</translation>
    </message>
    <message>
        <source>Ops: %1</source>
        <translation>运算量：%1</translation>
    </message>
    <message>
        <source>Fit on this board: not known</source>
        <translation>能否装进此开发板：未知</translation>
    </message>
    <message>
        <source>Fits this board</source>
        <translation>装得进此开发板</translation>
    </message>
    <message>
        <source>Does not fit this board</source>
        <translation>装不进此开发板</translation>
    </message>
    <message>
        <source>Click to open it on the canvas.</source>
        <translation>点击以在画布上打开。</translation>
    </message>
</context>
<context>
    <name>tinyforge::PatchView</name>
    <message>
        <source>Stage ends at</source>
        <translation>阶段结束于</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Peak SRAM (B)</source>
        <translation>SRAM 峰值 (B)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>Extra MACs</source>
        <translation>额外 MAC</translation>
    </message>
    <message>
        <source>Use the selected choice</source>
        <translation>使用所选方案</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source> % extra MACs at most</source>
        <translation> % 额外 MAC 上限</translation>
    </message>
    <message>
        <source>No patches</source>
        <translation>不分块</translation>
    </message>
    <message>
        <source>No model to run in patches yet.</source>
        <translation>还没有可分块运行的模型。</translation>
    </message>
    <message>
        <source>No split point and grid lowers this model&apos;s SRAM (arena %1 B without patches): its first layers cannot run in patches, or they do not set the peak.</source>
        <translation>没有任何切分点和网格能降低此模型的 SRAM（不分块时 arena 为 %1 B）：其前几层无法分块运行，或者它们并不决定峰值。</translation>
    </message>
    <message>
        <source>Without patches the generated C runtime (tinyforge-c) needs an arena of %1 B on %2. Each row runs the layers up to its split point patch by patch: less SRAM for recomputed halos (extra MACs, of the whole model). Only choices no other beats on both are listed. Planned figures (a model); measured under QEMU in docs/patches.md.</source>
        <translation>不分块时，生成的 C 运行时（tinyforge-c）在 %2 上需要 %1 B 的 arena。每一行把切分点之前的各层逐块运行：以重复计算的边缘（额外 MAC，相对整个模型）换取更少的 SRAM。只列出在两项上都不被其他方案超越的选择。这些是规划值（模型）；QEMU 实测见 docs/patches.md。</translation>
    </message>
    <message>
        <source>the first board</source>
        <translation>第一块开发板</translation>
    </message>
    <message>
        <source>Operators 0..%1 run patch by patch</source>
        <translation>算子 0..%1 逐块运行</translation>
    </message>
    <message>
        <source>In use: no patches.</source>
        <translation>当前：不分块。</translation>
    </message>
    <message>
        <source>In use: auto, at most %1 % extra MACs.</source>
        <translation>当前：自动，额外 MAC 不超过 %1 %。</translation>
    </message>
    <message>
        <source>In use: up to &apos;%1&apos; in %2 x %3 patches.</source>
        <translation>当前：直到 &apos;%1&apos;，%2 x %3 分块。</translation>
    </message>
    <message>
        <source>Patches apply to the tinyforge-c runtime only: choose it on the dashboard.</source>
        <translation>分块仅适用于 tinyforge-c 运行时：请在仪表板中选择它。</translation>
    </message>
    <message>
        <source>The estimates use an arena of %1 B.</source>
        <translation>估算使用 %1 B 的 arena。</translation>
    </message>
    <message>
        <source>No choice lowers the arena: the estimates run without patches.</source>
        <translation>没有方案能降低 arena：估算按不分块进行。</translation>
    </message>
</context>
<context>
    <name>tinyforge::ProbabilityHeatmap</name>
    <message>
        <source>Architecture probabilities (epoch %1)</source>
        <translation>架构概率（第 %1 轮）</translation>
    </message>
    <message>
        <source>Architecture probabilities</source>
        <translation>架构概率</translation>
    </message>
    <message>
        <source>The probabilities appear after the first epoch.</source>
        <translation>概率在第一轮结束后显示。</translation>
    </message>
    <message>
        <source>%1 = %2: %3%</source>
        <translation>%1 = %2：%3%</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchCharts</name>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
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
        <source>ops</source>
        <translation>运算数</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>Expected cost (% of budget)</source>
        <translation>期望开销（占预算的 %）</translation>
    </message>
    <message>
        <source>Gumbel-softmax temperature</source>
        <translation>Gumbel-softmax 温度</translation>
    </message>
    <message>
        <source>Per epoch (x). Loss and accuracy: training per step, validation per epoch (of the argmax architecture). Expected costs: MicroNets eqs. 2 (Flash), 3 (SRAM) and 4 (ops) against the search&apos;s budgets, 100% = the budget.</source>
        <translation>按轮次（x）。损失和准确率：训练按步，验证按轮（argmax 架构）。期望开销：MicroNets 式 2（Flash）、3（SRAM）和 4（运算数）相对于搜索的预算，100% 即预算。</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchConfigForm</name>
    <message>
        <source>DNAS (differentiable)</source>
        <translation>DNAS（可微分）</translation>
    </message>
    <message>
        <source>MicroNets&apos; differentiable search: architecture parameters trained with the weights</source>
        <translation>MicroNets 的可微分搜索：架构参数与权重一起训练</translation>
    </message>
    <message>
        <source>Evolution on the trained supernet</source>
        <translation>在已训练的超网络上进化搜索</translation>
    </message>
    <message>
        <source>MCUNet&apos;s evolutionary search: the supernet is trained on random architectures, then generations of architectures that the estimator says fit the board are measured with its shared weights</source>
        <translation>MCUNet 的进化搜索：先在随机架构上训练超网络，再用其共享权重评测估算器判定能放入开发板的各代架构</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Children per generation: half by mutation, half by crossover</source>
        <translation>每代子代数：一半变异，一半交叉</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>种群大小</translation>
    </message>
    <message>
        <source>Parents kept</source>
        <translation>保留的父代</translation>
    </message>
    <message>
        <source>Children per generation</source>
        <translation>每代子代数</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>代数</translation>
    </message>
    <message>
        <source>Search the canvas&apos;s backbone</source>
        <translation>搜索画布上的骨干网络</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The run&apos;s name in the project (letters, digits, - and _); empty: the next free search-N</source>
        <translation>此次运行在项目中的名称（字母、数字、- 和 _）；留空：下一个可用的 search-N</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <source>Synthetic patterns</source>
        <translation>合成模式</translation>
    </message>
    <message>
        <source>A learnable pattern task generated on the fly: seconds per epoch, for trying things out</source>
        <translation>即时生成的可学习模式任务：每轮只需几秒，便于试验</translation>
    </message>
    <message>
        <source>Synthesized keywords</source>
        <translation>合成关键词</translation>
    </message>
    <message>
        <source>Spoken keywords synthesized once with espeak-ng and sox, read as Speech Commands</source>
        <translation>用 espeak-ng 和 sox 一次性合成的语音关键词，按 Speech Commands 格式读取</translation>
    </message>
    <message>
        <source>Speech Commands folder</source>
        <translation>Speech Commands 文件夹</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>one sub-folder per keyword</source>
        <translation>每个关键词一个子文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>开发板</translation>
    </message>
    <message>
        <source>from the board</source>
        <translation>取自开发板</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>SRAM budget</source>
        <translation>SRAM 预算</translation>
    </message>
    <message>
        <source>Flash budget</source>
        <translation>Flash 预算</translation>
    </message>
    <message>
        <source>Latency budget</source>
        <translation>延迟预算</translation>
    </message>
    <message>
        <source>whole train split</source>
        <translation>整个训练集</translation>
    </message>
    <message>
        <source>Search epochs</source>
        <translation>搜索轮数</translation>
    </message>
    <message>
        <source>of which warm-up</source>
        <translation>其中预热</translation>
    </message>
    <message>
        <source>Fine-tune epochs</source>
        <translation>微调轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation>每轮步数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The search&apos;s budgets: activations (eq. 3) %1, weights (eq. 2) %2%3</source>
        <translation>搜索预算：激活（式 3）%1，权重（式 2）%2%3</translation>
    </message>
    <message>
        <source>, %1 ops (eq. 4)</source>
        <translation>，%1 次运算（式 4）</translation>
    </message>
    <message>
        <source>Budgets: %1</source>
        <translation>预算：%1</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchPanel</name>
    <message>
        <source>evolution: generation %1/%2, best %3%, mean %4%</source>
        <translation>进化：第 %1/%2 代，最佳 %3%，平均 %4%</translation>
    </message>
    <message>
        <source>Best architecture of generation %1</source>
        <translation>第 %1 代的最佳架构</translation>
    </message>
    <message>
        <source>%1: evolution generation %2/%3: best %4%, mean %5% (supernet, validation); %6 architectures measured, %7 refused by the estimator</source>
        <translation>%1：进化第 %2/%3 代：最佳 %4%，平均 %5%（超网络，验证集）；已评测 %6 个架构，估算器拒绝 %7 个</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Search&lt;/h3&gt;&lt;p&gt;This build of TinyForge Studio has no search engine: it was built without libtorch (TINYFORGE_BUILD_SEARCH is off).&lt;/p&gt;&lt;p&gt;Install libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) and rebuild to run DNAS searches here. Search runs stored in a project still appear in the Pareto tab.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;搜索&lt;/h3&gt;&lt;p&gt;此版本的 TinyForge Studio 不含搜索引擎：构建时未启用 libtorch（TINYFORGE_BUILD_SEARCH 已关闭）。&lt;/p&gt;&lt;p&gt;请安装 libtorch（Debian：&lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;）并重新构建，即可在此运行 DNAS 搜索。项目中保存的搜索运行仍会显示在“帕累托”标签页中。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop at the next step; the last epoch&apos;s checkpoint is kept and Resume continues from it</source>
        <translation>在下一步暂停；保留上一轮的检查点，“继续”将从该处接着运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run and set up a new one; it stays in the list of unfinished runs</source>
        <translation>停止此运行并设置新的运行；它会保留在未完成运行列表中</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Unfinished runs in this project</source>
        <translation>本项目中未完成的运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation>继续所选运行</translation>
    </message>
    <message>
        <source>Current architecture (argmax): appears after the first epoch</source>
        <translation>当前架构（argmax）：第一轮结束后显示</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>This build has no search engine.</source>
        <translation>此版本不含搜索引擎。</translation>
    </message>
    <message>
        <source>A search is already running: pause or stop it first.</source>
        <translation>已有搜索正在运行：请先暂停或停止它。</translation>
    </message>
    <message>
        <source>Save the project first: the search stores its runs, checkpoints and candidates in it.</source>
        <translation>请先保存项目：搜索会把运行记录、检查点和候选模型保存在其中。</translation>
    </message>
    <message>
        <source>The canvas&apos;s model has nothing to search: give layers search widths or make blocks skippable in the inspector, or open a backbone (File → New from template: KWS backbone).</source>
        <translation>画布上的模型没有可搜索的内容：请在属性面板中为层设置搜索宽度或将模块设为可跳过，或打开一个骨干网络（文件 → 从模板新建：KWS 骨干网络）。</translation>
    </message>
    <message>
        <source>The canvas&apos;s model cannot be searched: %1</source>
        <translation>画布上的模型无法搜索：%1</translation>
    </message>
    <message>
        <source>Run name &apos;%1&apos;: use letters, digits, - and _ only.</source>
        <translation>运行名称 &apos;%1&apos;：只能使用字母、数字、- 和 _。</translation>
    </message>
    <message>
        <source>The project already has a run named &apos;%1&apos;.</source>
        <translation>项目中已有名为 &apos;%1&apos; 的运行。</translation>
    </message>
    <message>
        <source>The project already has a run named &apos;%1&apos;. Replace it (its checkpoints and candidates are deleted)?</source>
        <translation>项目中已有名为 &apos;%1&apos; 的运行。要替换它吗（其检查点和候选模型将被删除）？</translation>
    </message>
    <message>
        <source>Resuming %1…</source>
        <translation>正在继续 %1…</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>正在启动 %1…</translation>
    </message>
    <message>
        <source>Pausing at the next step…</source>
        <translation>将在下一步暂停…</translation>
    </message>
    <message>
        <source>A search is already running.</source>
        <translation>已有搜索正在运行。</translation>
    </message>
    <message>
        <source>No run to resume: pick one in the list of unfinished runs.</source>
        <translation>没有可继续的运行：请在未完成运行列表中选择一个。</translation>
    </message>
    <message>
        <source>Open the project the run belongs to first.</source>
        <translation>请先打开该运行所属的项目。</translation>
    </message>
    <message>
        <source>Run &apos;%1&apos; was not started from the studio (%2 is missing): continue it with `tinyforge search CONFIG --resume`.</source>
        <translation>运行 &apos;%1&apos; 不是从 Studio 启动的（缺少 %2）：请用 `tinyforge search CONFIG --resume` 继续。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>epoch %1/%2 (%3), step %4/%5</source>
        <translation>第 %1/%2 轮（%3），第 %4/%5 步</translation>
    </message>
    <message>
        <source>%1: epoch %2/%3 (%4) done, validation accuracy %5%; expected Flash %6, SRAM %7, %8 ops</source>
        <translation>%1：第 %2/%3 轮（%4）完成，验证准确率 %5%；期望 Flash %6，SRAM %7，%8 次运算</translation>
    </message>
    <message>
        <source>%1 finished: %2; int8 test accuracy %3% (float %4%)</source>
        <translation>%1 已完成：%2；int8 测试准确率 %3%（浮点 %4%）</translation>
    </message>
    <message>
        <source>Search %1 failed: %2</source>
        <translation>搜索 %1 失败：%2</translation>
    </message>
    <message>
        <source>the checkpoint of epoch %1 is kept</source>
        <translation>第 %1 轮的检查点已保留</translation>
    </message>
    <message>
        <source>no epoch had finished, so a resume starts over</source>
        <translation>尚无完成的轮次，因此继续时将从头开始</translation>
    </message>
    <message>
        <source>%1 stopped (%2); resume it from the list of unfinished runs.</source>
        <translation>%1 已停止（%2）；可从未完成运行列表中继续。</translation>
    </message>
    <message>
        <source>%1 paused (%2); Resume continues from there.</source>
        <translation>%1 已暂停（%2）；“继续”将从该处接着运行。</translation>
    </message>
    <message>
        <source>Current architecture (argmax): %1</source>
        <translation>当前架构（argmax）：%1</translation>
    </message>
    <message>
        <source>Current architecture: %1 (cannot draw it: %2)</source>
        <translation>当前架构：%1（无法绘制：%2）</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>resumable</source>
        <translation>可继续</translation>
    </message>
    <message>
        <source>started from the CLI</source>
        <translation>从 CLI 启动</translation>
    </message>
    <message>
        <source>stopped (exit code %1)</source>
        <translation>已停止（退出码 %1）</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Train on this many local processes (data-parallel: each takes a slice of every batch, gradients are summed with c10d/Gloo). Each uses the config&apos;s threads; on a machine with few cores more processes are not faster.</source>
        <translation>用这么多个本地进程训练（数据并行：每个进程取每个批次的一部分，梯度用 c10d/Gloo 求和）。每个进程使用配置中的线程数；在核心很少的机器上，更多进程并不更快。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>No free TCP port on 127.0.0.1 for the worker processes.</source>
        <translation>127.0.0.1 上没有可供工作进程使用的空闲 TCP 端口。</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>epoch %1/%2 %3, step %4/%5, loss %6</source>
        <translation>第 %1/%2 轮 %3，第 %4/%5 步，损失 %6</translation>
    </message>
    <message>
        <source>finished: wrote the model</source>
        <translation>完成：已写出模型</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchRunner</name>
    <message>
        <source>A search is already running.</source>
        <translation>已有搜索正在运行。</translation>
    </message>
    <message>
        <source>This build of TinyForge has no search engine (it needs libtorch).</source>
        <translation>此版本的 TinyForge 不含搜索引擎（需要 libtorch）。</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchWorkers</name>
    <message>
        <source>Worker processes need the tinyforge command line tool beside the studio or on PATH.</source>
        <translation>工作进程需要 tinyforge 命令行工具位于 studio 旁边或 PATH 中。</translation>
    </message>
    <message>
        <source>epoch %1/%2 %3, step %4/%5, loss %6</source>
        <translation>第 %1/%2 轮 %3，第 %4/%5 步，损失 %6</translation>
    </message>
    <message>
        <source>finished its part (rank 0 writes the model)</source>
        <translation>已完成自己的部分（序号 0 写出模型）</translation>
    </message>
</context>
</TS>
