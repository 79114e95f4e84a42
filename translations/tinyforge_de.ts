<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>NodeKind</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <source>Depthwise convolution</source>
        <translation>Depthwise-Faltung</translation>
    </message>
    <message>
        <source>Fully connected</source>
        <translation>Vollständig verbunden</translation>
    </message>
    <message>
        <source>Average pooling</source>
        <translation>Average-Pooling</translation>
    </message>
    <message>
        <source>Max pooling</source>
        <translation>Max-Pooling</translation>
    </message>
    <message>
        <source>Global average pooling</source>
        <translation>Globales Average-Pooling</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Addition</translation>
    </message>
    <message>
        <source>Concatenation</source>
        <translation>Verkettung</translation>
    </message>
    <message>
        <source>Pad</source>
        <translation>Auffüllen</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>Umformen</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>Dequantize</source>
        <translation>Dequantisieren</translation>
    </message>
    <message>
        <source>Depthwise separable</source>
        <translation>Depthwise-separierbar</translation>
    </message>
    <message>
        <source>Inverted bottleneck</source>
        <translation>Invertierter Engpass</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Residual</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
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
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
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
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>TFLite Micro (reference kernels)</source>
        <translation>TFLite Micro (Referenz-Kernel)</translation>
    </message>
    <message>
        <source>TFLite Micro + CMSIS-NN</source>
        <translation>TFLite Micro + CMSIS-NN</translation>
    </message>
    <message>
        <source>In-place code generation</source>
        <translation>In-place-Codegenerierung</translation>
    </message>
    <message>
        <source>Boards…</source>
        <translation>Boards…</translation>
    </message>
    <message>
        <source>Latency budget:</source>
        <translation>Latenzbudget:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Energy budget:</source>
        <translation>Energiebudget:</translation>
    </message>
    <message>
        <source> mJ</source>
        <translation> mJ</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
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
        <translation>Latenz</translation>
    </message>
    <message>
        <source>FPS</source>
        <translation>FPS</translation>
    </message>
    <message>
        <source>Energy / inference</source>
        <translation>Energie / Inferenz</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Choose boards with the Boards… button to see whether the model fits.</source>
        <translation>Wählen Sie Boards über die Schaltfläche „Boards…“, um zu sehen, ob das Modell passt.</translation>
    </message>
    <message>
        <source>%1 FPS (needs %2)</source>
        <translation>%1 FPS (benötigt %2)</translation>
    </message>
    <message>
        <source>%1 mJ / %2 mJ</source>
        <translation>%1 mJ / %2 mJ</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>passt nicht</translation>
    </message>
    <message>
        <source>fits, too slow</source>
        <translation>passt, zu langsam</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">keine</translation>
    </message>
    <message>
        <source>The most time one inference may take. 0 = no budget: latency is shown without a verdict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or target rate:</source>
        <translation>oder Zielrate:</translation>
    </message>
    <message>
        <source> FPS</source>
        <translation> FPS</translation>
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
        <translation>Eigenes Board hinzufügen…</translation>
    </message>
    <message>
        <source>Edit custom board</source>
        <translation>Eigenes Board bearbeiten</translation>
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
        <translation>Eigenes Board bearbeiten</translation>
    </message>
    <message>
        <source>Add custom board</source>
        <translation>Eigenes Board hinzufügen</translation>
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
        <translation>Kennung:</translation>
    </message>
    <message>
        <source>Part number:</source>
        <translation>Teilenummer:</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>Kern:</translation>
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
        <translation>Befehlssatz:</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>Takt:</translation>
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
        <translation>Leistung aktiv:</translation>
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
        <translation>Leistung im Schlaf:</translation>
    </message>
    <message>
        <source>Power between inferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Preis:</translation>
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
        <translation>Latenzmodell wie:</translation>
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
        <translation>Das Modell ist leer.</translation>
    </message>
    <message>
        <source>This build has no estimator.</source>
        <translation>Dieser Build enthält keinen Schätzer.</translation>
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
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards:</source>
        <translation>Boards:</translation>
    </message>
    <message>
        <source>TFLite model</source>
        <translation>TFLite-Modell</translation>
    </message>
    <message>
        <source>C sources</source>
        <translation>C-Quellen</translation>
    </message>
    <message>
        <source>Memory map</source>
        <translation type="unfinished">Speicherplan</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML-Bericht</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
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
        <translation>Bericht danach öffnen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Bericht öffnen</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
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
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Insert %1</source>
        <translation>%1 einfügen</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>%n Verbindung trennen</numerusform>
            <numerusform>%n Verbindungen trennen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>%n Knoten löschen</numerusform>
            <numerusform>%n Knoten löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>%1 von %2 trennen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>Modell umbenennen</translation>
    </message>
</context>
<context>
    <name>tinyforge::GraphScene</name>
    <message>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
</context>
<context>
    <name>tinyforge::InspectorWidget</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Output channels</source>
        <translation>Ausgabekanäle</translation>
    </message>
    <message>
        <source>Kernel height</source>
        <translation>Kernelhöhe</translation>
    </message>
    <message>
        <source>Kernel width</source>
        <translation>Kernelbreite</translation>
    </message>
    <message>
        <source>Stride (height)</source>
        <translation>Schrittweite (Höhe)</translation>
    </message>
    <message>
        <source>Stride (width)</source>
        <translation>Schrittweite (Breite)</translation>
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
        <translation>Padding</translation>
    </message>
    <message>
        <source>Expansion</source>
        <translation>Expansion</translation>
    </message>
    <message>
        <source>Depth multiplier</source>
        <translation>Tiefenmultiplikator</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>top, bottom, left, right</source>
        <translation>oben, unten, links, rechts</translation>
    </message>
    <message>
        <source>Padding sizes</source>
        <translation>Padding-Größen</translation>
    </message>
    <message>
        <source>8 bit (int8)</source>
        <translation>8 Bit (int8)</translation>
    </message>
    <message>
        <source>16 bit (int16)</source>
        <translation>16 Bit (int16)</translation>
    </message>
    <message>
        <source>32 bit (float32)</source>
        <translation>32 Bit (float32)</translation>
    </message>
    <message>
        <source>Activation bits</source>
        <translation>Aktivierungsbits</translation>
    </message>
    <message>
        <source>4 bit (int4)</source>
        <translation>4 Bit (int4)</translation>
    </message>
    <message>
        <source>Weight bits</source>
        <translation>Gewichtsbits</translation>
    </message>
    <message>
        <source>e.g. 16, 32, 48, 64 (empty: fixed)</source>
        <translation>z. B. 16, 32, 48, 64 (leer: fest)</translation>
    </message>
    <message>
        <source>Search widths</source>
        <translation>Suchbreiten</translation>
    </message>
    <message>
        <source>Search may skip this layer</source>
        <translation>Die Suche darf diese Schicht überspringen</translation>
    </message>
    <message>
        <source>Skippable</source>
        <translation>Überspringbar</translation>
    </message>
    <message>
        <source>A layer needs a name.</source>
        <translation>Eine Schicht braucht einen Namen.</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;, starting with a letter.</source>
        <translation>Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos; verwenden, beginnend mit einem Buchstaben.</translation>
    </message>
    <message>
        <source>Another layer is already called &apos;%1&apos;.</source>
        <translation>Eine andere Schicht heißt bereits &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Enter at least one number.</source>
        <translation>Mindestens eine Zahl eingeben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number.</source>
        <translation>&apos;%1&apos; ist keine ganze Zahl.</translation>
    </message>
    <message>
        <source>%1 is too small here.</source>
        <translation>%1 ist hier zu klein.</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 ist zu groß.</translation>
    </message>
    <message>
        <source>Select a layer on the canvas to edit it.</source>
        <translation>Wählen Sie eine Schicht auf der Arbeitsfläche, um sie zu bearbeiten.</translation>
    </message>
</context>
<context>
    <name>tinyforge::LayerTableModel</name>
    <message>
        <source>Live activations peak at this layer: %1</source>
        <translation>Die lebenden Aktivierungen erreichen hier ihr Maximum: %1</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Latency share</source>
        <translation>Latenzanteil</translation>
    </message>
</context>
<context>
    <name>tinyforge::MainWindow</name>
    <message>
        <source>Notes about this project: targets, measurements, decisions…</source>
        <translation>Notizen zu diesem Projekt: Ziele, Messungen, Entscheidungen…</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Arbeitsfläche</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Memory map</source>
        <translation>Speicherplan</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>TinyForge designs neural networks that fit microcontrollers: drag layers from the palette, connect them, and watch Flash, SRAM and latency per board.</source>
        <translation>TinyForge entwirft neuronale Netze, die auf Mikrocontroller passen: Schichten aus der Palette ziehen, verbinden und Flash, SRAM und Latenz je Board verfolgen.</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Boards</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>Board dashboard</source>
        <translation>Board-Übersicht</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>New from &amp;template…</source>
        <translation>Neu aus &amp;Vorlage…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Export graph as JSON…</source>
        <translation>Graph als JSON &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Auto &amp;layout</source>
        <translation>Automatisch &amp;anordnen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>The language changes when the studio starts next.</source>
        <translation>Die Sprache wechselt beim nächsten Start des Studios.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About TinyForge</source>
        <translation>Ü&amp;ber TinyForge</translation>
    </message>
    <message>
        <source>About TinyForge</source>
        <translation>Über TinyForge</translation>
    </message>
    <message>
        <source>&lt;b&gt;TinyForge Studio %1&lt;/b&gt;&lt;p&gt;Design neural networks that fit microcontrollers: Flash, SRAM, latency and energy per board for TensorFlow Lite Micro, at every edit.&lt;/p&gt;</source>
        <translation>&lt;b&gt;TinyForge Studio %1&lt;/b&gt;&lt;p&gt;Neuronale Netze für Mikrocontroller entwerfen: Flash, SRAM, Latenz und Energie je Board für TensorFlow Lite Micro, bei jeder Änderung.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>unbenannt</translation>
    </message>
    <message>
        <source>New from template</source>
        <translation>Neu aus Vorlage</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>TinyForge projects and models (*.tfproj *.json *.tflite);;Projects (*.tfproj);;Graphs (*.json);;TFLite models (*.tflite)</source>
        <translation>TinyForge-Projekte und Modelle (*.tfproj *.json *.tflite);;Projekte (*.tfproj);;Graphen (*.json);;TFLite-Modelle (*.tflite)</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>%1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>TinyForge projects (*.tfproj)</source>
        <translation>TinyForge-Projekte (*.tfproj)</translation>
    </message>
    <message>
        <source>Export graph</source>
        <translation>Graph exportieren</translation>
    </message>
    <message>
        <source>Graph JSON (*.json)</source>
        <translation>Graph-JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>Wiederherstellung nicht möglich</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>TinyForge ended without saving your work (autosaved %1). Recover it?</source>
        <translation>TinyForge wurde beendet, ohne Ihre Arbeit zu speichern (automatisch gesichert %1). Wiederherstellen?</translation>
    </message>
    <message>
        <source>TinyForge</source>
        <translation>TinyForge</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>Das Projekt hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>%1%2 — TinyForge Studio</source>
        <translation>%1%2 — TinyForge Studio</translation>
    </message>
    <message>
        <source>Shape error: %1</source>
        <translation>Formfehler: %1</translation>
    </message>
    <message>
        <source>%1 layers, %2 MACs, %3 parameters</source>
        <translation>%1 Schichten, %2 MACs, %3 Parameter</translation>
    </message>
    <message>
        <source> | estimate %1 ms</source>
        <translation> | Schätzung %1 ms</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Export for &amp;boards…</source>
        <translation>Für &amp;Boards exportieren…</translation>
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
        <translation>Arena-Plan auf %1 (%2): Kopf %3, Untergrenze %4</translation>
    </message>
    <message>
        <source>%1
size %2 at offset %3
produced by %4
live from operator %5 to %6</source>
        <translation>%1
Größe %2 bei Offset %3
erzeugt von %4
lebendig von Operator %5 bis %6</translation>
    </message>
    <message>
        <source>(graph input)</source>
        <translation>(Grapheingabe)</translation>
    </message>
    <message>
        <source>No arena plan: choose a board and draw a valid model.</source>
        <translation>Kein Arena-Plan: Board wählen und ein gültiges Modell zeichnen.</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Operator</translation>
    </message>
</context>
<context>
    <name>tinyforge::NewFromTemplateDialog</name>
    <message>
        <source>New from template</source>
        <translation>Neu aus Vorlage</translation>
    </message>
    <message>
        <source>Start from a reference model or a search backbone:</source>
        <translation>Mit einem Referenzmodell oder einem Such-Backbone beginnen:</translation>
    </message>
</context>
<context>
    <name>tinyforge::PaletteWidget</name>
    <message>
        <source>Depthwise %1x%1 then pointwise 1x1 (MobileNet, DS-CNN)</source>
        <translation>Depthwise %1x%1, dann Pointwise 1x1 (MobileNet, DS-CNN)</translation>
    </message>
    <message>
        <source>Expand 1x1, depthwise %1x%1, project 1x1, residual add (MobileNetV2)</source>
        <translation>Expansion 1x1, Depthwise %1x%1, Projektion 1x1, Residual-Addition (MobileNetV2)</translation>
    </message>
    <message>
        <source>Two %1x%1 convolutions with a shortcut add (ResNet)</source>
        <translation>Zwei %1x%1-Faltungen mit Shortcut-Addition (ResNet)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Block templates</source>
        <translation>Blockvorlagen</translation>
    </message>
</context>
<context>
    <name>tinyforge::ParetoView</name>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Accuracy against:</source>
        <translation>Genauigkeit gegen:</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <source>Only models that fit this board</source>
        <translation>Nur Modelle, die auf dieses Board passen</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>published (MicroNets Table 4)</source>
        <translation>veröffentlicht (MicroNets Tabelle 4)</translation>
    </message>
    <message>
        <source>estimated by TinyForge</source>
        <translation>von TinyForge geschätzt</translation>
    </message>
    <message>
        <source>search candidates</source>
        <translation>Suchkandidaten</translation>
    </message>
    <message>
        <source>AUC (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) shown; on the front: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">keine</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) without this figure for this board are not drawn.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
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
