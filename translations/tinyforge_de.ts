<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>FigureBreakdown</name>
    <message>
        <source>Flash on %1: %2 of a %3 budget</source>
        <translation>Flash auf %1: %2 von %3 Budget</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>runtime code</source>
        <translation>Laufzeitcode</translation>
    </message>
    <message>
        <source>modelled: TFLM&apos;s interpreter and the kernels the model uses, calibrated on published sizes</source>
        <translation>modelliert: TFLM-Interpreter und die vom Modell genutzten Kernel, an veröffentlichten Größen kalibriert</translation>
    </message>
    <message>
        <source>predicted from kernel sizes measured per core (arm-none-eabi-gcc -Os), checked against linked images</source>
        <translation>vorhergesagt aus je Kern gemessenen Kernelgrößen (arm-none-eabi-gcc -Os), geprüft an gelinkten Images</translation>
    </message>
    <message>
        <source>predicted: the deepest kernel call chain from measured frames, checked against the stack measured under QEMU</source>
        <translation>vorhergesagt: die tiefste Kernel-Aufrufkette aus gemessenen Stack-Frames, geprüft am unter QEMU gemessenen Stack</translation>
    </message>
    <message>
        <source>Budget: the board&apos;s Flash less its application reserve.</source>
        <translation>Budget: der Flash des Boards abzüglich der Reserve für die Anwendung.</translation>
    </message>
    <message>
        <source>SRAM on %1: %2 of a %3 budget</source>
        <translation>SRAM auf %1: %2 von %3 Budget</translation>
    </message>
    <message>
        <source>arena head</source>
        <translation>Arena-Kopf</translation>
    </message>
    <message>
        <source>replayed: activations and scratch as TFLM&apos;s greedy planner places them</source>
        <translation>nachgespielt: Aktivierungen und Zwischenspeicher, wie TFLMs Greedy-Planer sie platziert</translation>
    </message>
    <message>
        <source>arena tail</source>
        <translation>Arena-Ende</translation>
    </message>
    <message>
        <source>replayed: TFLM&apos;s persistent runtime structures, allocation by allocation</source>
        <translation>nachgespielt: TFLMs dauerhafte Laufzeitstrukturen, Allokation für Allokation</translation>
    </message>
    <message>
        <source>runtime statics and stack</source>
        <translation>statische Laufzeitdaten und Stack</translation>
    </message>
    <message>
        <source>measured: MicroNets&apos; figure for the TFLM interpreter</source>
        <translation>gemessen: der Wert aus MicroNets für den TFLM-Interpreter</translation>
    </message>
    <message>
        <source>The replay equals TFLM&apos;s own figures to the byte on the ten reference models (tests/core/runtime).</source>
        <translation>Das Nachspielen trifft TFLMs eigene Werte auf den zehn Referenzmodellen aufs Byte (tests/core/runtime).</translation>
    </message>
    <message>
        <source>Lower bound (most activation bytes live at once): %1</source>
        <translation>Untergrenze (größte Zahl gleichzeitig lebender Aktivierungsbytes): %1</translation>
    </message>
    <message>
        <source>Budget: the largest contiguous SRAM region (the arena must be one block) less the reserve.</source>
        <translation>Budget: der größte zusammenhängende SRAM-Bereich (die Arena muss ein Block sein) abzüglich der Reserve.</translation>
    </message>
    <message>
        <source>Latency on %1: %2</source>
        <translation>Latenz auf %1: %2</translation>
    </message>
    <message>
        <source>  layers: %1, fixed cost per inference: %2</source>
        <translation>  Schichten: %1, fester Aufwand pro Inferenz: %2</translation>
    </message>
    <message>
        <source>  %1 of %2 layers measured on this board, the others modelled</source>
        <translation>  %1 von %2 Schichten auf diesem Board gemessen, die übrigen modelliert</translation>
    </message>
    <message>
        <source>Modelled, estimated: this board&apos;s coefficients are not fitted to its own measurements</source>
        <translation>Modelliert, geschätzt: die Koeffizienten dieses Boards sind nicht an eigene Messungen angepasst</translation>
    </message>
    <message>
        <source>Modelled: per-layer MACs per cycle fitted to published measurements of this board</source>
        <translation>Modelliert: MACs pro Takt je Schicht, an veröffentlichte Messungen dieses Boards angepasst</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Inferences per second back to back: 1000 / %1 = %2 (modelled, from the latency)</source>
        <translation>Inferenzen pro Sekunde ohne Pause: 1000 / %1 = %2 (modelliert, aus der Latenz)</translation>
    </message>
    <message>
        <source>Energy per inference on %1: %2</source>
        <translation>Energie pro Inferenz auf %1: %2</translation>
    </message>
    <message>
        <source>  active power %1 mW × latency %2 (modelled)</source>
        <translation>  aktive Leistung %1 mW × Latenz %2 (modelliert)</translation>
    </message>
    <message>
        <source>Power: %1</source>
        <translation>Leistung: %1</translation>
    </message>
    <message>
        <source>exact: the size of the imported file (unedited)</source>
        <translation>exakt: die Größe der importierten Datei (unverändert)</translation>
    </message>
    <message>
        <source>exact: the size of the .tflite export writes (as TinyForge would write it)</source>
        <translation>exakt: die Größe der .tflite, die der Export schreibt (wie TinyForge sie schreiben würde)</translation>
    </message>
    <message>
        <source>exact: the weights, parameters and descriptors the generated C stores (checked against linked images)</source>
        <translation>exakt: die Gewichte, Parameter und Deskriptoren, die der erzeugte C-Code speichert (gegen gelinkte Images geprüft)</translation>
    </message>
    <message>
        <source>arena</source>
        <translation>Arena</translation>
    </message>
    <message>
        <source>exact: the generated C&apos;s static arena (in-place depthwise, reshape aliases, the kernels&apos; scratch), checked against linked images</source>
        <translation>exakt: die statische Arena des erzeugten C-Codes (Depthwise in place, Reshape-Aliase, Scratch der Kernel), gegen gelinkte Images geprüft</translation>
    </message>
    <message>
        <source>stack</source>
        <translation>Stack</translation>
    </message>
</context>
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
    <name>ProjectLock</name>
    <message>
        <source>%1 was not closed properly: the TinyForge that had it open (process %2) ended without closing it (killed or crashed). The project is as it was last saved.</source>
        <translation>%1 wurde nicht ordnungsgemäß geschlossen: das TinyForge, das es geöffnet hatte (Prozess %2), wurde beendet, ohne es zu schließen (abgebrochen oder abgestürzt). Das Projekt ist so, wie es zuletzt gespeichert wurde.</translation>
    </message>
    <message>
        <source>%1 is open in another TinyForge (process %2 on %3). Close it there first, or save a copy under another name.</source>
        <translation>%1 ist in einem anderen TinyForge geöffnet (Prozess %2 auf %3). Dort zuerst schließen oder eine Kopie unter anderem Namen speichern.</translation>
    </message>
    <message>
        <source>%1: cannot create the lock file %2 (a read-only folder?); another TinyForge could open the project at the same time.</source>
        <translation>%1: die Sperrdatei %2 kann nicht angelegt werden (ein schreibgeschützter Ordner?); ein anderes TinyForge könnte das Projekt gleichzeitig öffnen.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 generation %2: %3</source>
        <translation>%1 Generation %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Quantizing and writing the model…</source>
        <translation>Modell wird quantisiert und geschrieben…</translation>
    </message>
    <message>
        <source>Nothing written: the model does not fit every board. %1 Untick those boards or export anyway.</source>
        <translation>Nichts geschrieben: Das Modell passt nicht auf jedes Board. %1 Entfernen Sie die Haken bei diesen Boards oder exportieren Sie trotzdem.</translation>
    </message>
    <message>
        <source>Cancelled: nothing written.</source>
        <translation>Abgebrochen: nichts geschrieben.</translation>
    </message>
    <message>
        <source>Memory map and report for %1…</source>
        <translation>Speicherplan und Bericht für %1…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n file(s)…</source>
        <translation>
            <numerusform>Schreibe %n Datei…</numerusform>
            <numerusform>Schreibe %n Dateien…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben.</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>keyword spotting (GSC)</source>
        <translation>Schlüsselworterkennung (GSC)</translation>
    </message>
    <message>
        <source>visual wake words (VWW)</source>
        <translation>Visual Wake Words (VWW)</translation>
    </message>
    <message>
        <source>anomaly detection (MIMII)</source>
        <translation>Anomalieerkennung (MIMII)</translation>
    </message>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>geschätzt</translation>
    </message>
    <message>
        <source>search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>SRAM (KiB)</source>
        <translation>SRAM (KiB)</translation>
    </message>
    <message>
        <source>Model Flash (KiB)</source>
        <translation>Modell-Flash (KiB)</translation>
    </message>
    <message>
        <source>Ops (M, 1 MAC = 2 ops)</source>
        <translation>Ops (M, 1 MAC = 2 Ops)</translation>
    </message>
    <message>
        <source>%1: cannot open the published figures</source>
        <translation>%1: Die veröffentlichten Werte können nicht geöffnet werden</translation>
    </message>
    <message>
        <source>MicroNets Table 4 (Banbury et al., MLSys 2021)</source>
        <translation>MicroNets Tabelle 4 (Banbury et al., MLSys 2021)</translation>
    </message>
    <message>
        <source>TinyForge estimate (%1) of %2; accuracy as published</source>
        <translation>TinyForge-Schätzung (%1) von %2; Genauigkeit wie veröffentlicht</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1 (final)</translation>
    </message>
    <message>
        <source>%1 epoch %2</source>
        <translation>%1 Epoche %2</translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation>Suche: %1</translation>
    </message>
    <message>
        <source>int8 test</source>
        <translation>int8-Test</translation>
    </message>
    <message>
        <source>supernet validation</source>
        <translation>Supernetz-Validierung</translation>
    </message>
    <message>
        <source>%1 Mops</source>
        <translation>%1 Mops</translation>
    </message>
    <message>
        <source>Delete board %1</source>
        <translation>Board %1 löschen</translation>
    </message>
    <message>
        <source>Nothing written: the generated firmware does not fit %1 (%2). Untick the board or export anyway.</source>
        <translation>Nichts geschrieben: die erzeugte Firmware passt nicht auf %1 (%2). Das Board abwählen oder trotzdem exportieren.</translation>
    </message>
    <message>
        <source>Building the firmware…</source>
        <translation>Firmware wird gebaut…</translation>
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
        <translation>ms</translation>
    </message>
    <message>
        <source>FPS</source>
        <comment>inferences per second</comment>
        <translation>FPS</translation>
    </message>
    <message>
        <source>mJ</source>
        <comment>millijoules</comment>
        <translation>mJ</translation>
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
        <source>Boards…</source>
        <translation>Boards…</translation>
    </message>
    <message>
        <source>Latency budget:</source>
        <translation>Latenzbudget:</translation>
    </message>
    <message>
        <source>Energy budget:</source>
        <translation>Energiebudget:</translation>
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
        <translation>keins</translation>
    </message>
    <message>
        <source>The most time one inference may take. 0 = no budget: latency is shown without a verdict.</source>
        <translation>Die längste Zeit, die eine Inferenz dauern darf. 0 = kein Budget: Die Latenz wird ohne Bewertung angezeigt.</translation>
    </message>
    <message>
        <source>or target rate:</source>
        <translation>oder Zielrate:</translation>
    </message>
    <message>
        <source>Inferences per second the application needs; sets the latency budget to 1000 / FPS ms.</source>
        <translation>Inferenzen pro Sekunde, die die Anwendung braucht; setzt das Latenzbudget auf 1000 / FPS ms.</translation>
    </message>
    <message>
        <source>The most energy one inference may use. 0 = no budget.</source>
        <translation>Die meiste Energie, die eine Inferenz verbrauchen darf. 0 = kein Budget.</translation>
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
        <source>Delete custom board</source>
        <translation>Eigenes Board löschen</translation>
    </message>
    <message>
        <source> (custom: your figures)</source>
        <translation> (eigenes: Ihre Werte)</translation>
    </message>
    <message>
        <source> (latency estimated)</source>
        <translation> (Latenz geschätzt)</translation>
    </message>
    <message>
        <source>custom: your figures</source>
        <translation>eigenes: Ihre Werte</translation>
    </message>
    <message>
        <source>latency estimated</source>
        <translation>Latenz geschätzt</translation>
    </message>
    <message>
        <source>A board of this project: its figures are the ones you entered, its latency model is borrowed from a measured board with a similar core.</source>
        <translation>Ein Board dieses Projekts: seine Werte sind die von Ihnen eingegebenen, sein Latenzmodell stammt von einem gemessenen Board mit ähnlichem Kern.</translation>
    </message>
    <message>
        <source>%1 (needs %2)</source>
        <translation>%1 (nötig: %2)</translation>
    </message>
    <message>
        <source>no figures</source>
        <translation>keine Werte</translation>
    </message>
    <message>
        <source>TinyForge generated C (tinyforge-c)</source>
        <translation>Von TinyForge erzeugtes C (tinyforge-c)</translation>
    </message>
    <message>
        <source>Planner:</source>
        <translation>Planer:</translation>
    </message>
    <message>
        <source>TFLM greedy</source>
        <translation>TFLM gierig</translation>
    </message>
    <message>
        <source>Best (offline plan in the .tflite)</source>
        <translation>Bester (Offline-Plan in der .tflite)</translation>
    </message>
    <message>
        <source>Who places the arena&apos;s buffers. The best planner&apos;s plan is exported inside the .tflite (OfflineMemoryAllocation), so an unmodified TFLM uses it.</source>
        <translation>Wer die Puffer der Arena platziert. Der Plan des besten Planers wird in der .tflite exportiert (OfflineMemoryAllocation), sodass ein unverändertes TFLM ihn verwendet.</translation>
    </message>
    <message>
        <source>Reorder operators</source>
        <translation>Operatoren umordnen</translation>
    </message>
    <message>
        <source>Run the operators in the order with the smallest peak memory (branched graphs); export writes them in that order.</source>
        <translation>Die Operatoren in der Reihenfolge mit dem kleinsten Speicherspitzenwert ausführen (verzweigte Graphen); der Export schreibt sie in dieser Reihenfolge.</translation>
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
        <translation>Ein Board dieses Projekts. Sein Latenzmodell wird von einem bekannten Board mit ähnlichem Kern übernommen (pro Takt, folgt also der Taktfrequenz) und als geschätzt markiert.</translation>
    </message>
    <message>
        <source>Lower-case key used by projects and the CLI: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Schlüssel in Kleinbuchstaben für Projekte und die CLI: Buchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;.</translation>
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
        <translation>DSP-Erweiterung (Armv7E-M / Armv8-M)</translation>
    </message>
    <message>
        <source>Helium (MVE)</source>
        <translation>Helium (MVE)</translation>
    </message>
    <message>
        <source>Scalar (no SIMD)</source>
        <translation>Skalar (ohne SIMD)</translation>
    </message>
    <message>
        <source>Which CMSIS-NN kernels the core runs.</source>
        <translation>Welche CMSIS-NN-Kernel der Kern ausführt.</translation>
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
        <translation>MHz</translation>
    </message>
    <message>
        <source>Core clock while running inference.</source>
        <translation>Kerntakt während der Inferenz.</translation>
    </message>
    <message>
        <source>SRAM:</source>
        <translation>SRAM:</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>SRAM the model may use (the arena must fit in one block).</source>
        <translation>SRAM, das das Modell nutzen darf (die Arena muss in einen Block passen).</translation>
    </message>
    <message>
        <source>Flash:</source>
        <translation>Flash:</translation>
    </message>
    <message>
        <source>Flash for the model and the runtime code.</source>
        <translation>Flash für das Modell und den Laufzeitcode.</translation>
    </message>
    <message>
        <source>Active power:</source>
        <translation>Leistung aktiv:</translation>
    </message>
    <message>
        <source>mW</source>
        <translation>mW</translation>
    </message>
    <message>
        <source>Board power while running inference.</source>
        <translation>Leistungsaufnahme des Boards während der Inferenz.</translation>
    </message>
    <message>
        <source>Sleep power:</source>
        <translation>Leistung im Schlaf:</translation>
    </message>
    <message>
        <source>Power between inferences.</source>
        <translation>Leistungsaufnahme zwischen den Inferenzen.</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Preis:</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>Optional.</translation>
    </message>
    <message>
        <source>Latency model like:</source>
        <translation>Latenzmodell wie:</translation>
    </message>
    <message>
        <source>Id: enter a short key, e.g. my-board.</source>
        <translation>Kennung: Geben Sie einen kurzen Schlüssel ein, z. B. my-board.</translation>
    </message>
    <message>
        <source>Id: &apos;%1&apos; may only hold lower-case letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Kennung: &apos;%1&apos; darf nur Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos; enthalten.</translation>
    </message>
    <message>
        <source>Id: a board &apos;%1&apos; exists already; choose another id.</source>
        <translation>Kennung: Ein Board &apos;%1&apos; gibt es bereits; wählen Sie eine andere Kennung.</translation>
    </message>
    <message>
        <source>Part number: enter the MCU&apos;s part number.</source>
        <translation>Teilenummer: Geben Sie die Teilenummer der MCU ein.</translation>
    </message>
    <message>
        <source>Core: enter the CPU core, e.g. cortex-m4f.</source>
        <translation>Kern: Geben Sie den CPU-Kern ein, z. B. cortex-m4f.</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Takt</translation>
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
        <translation>Leistung aktiv</translation>
    </message>
    <message>
        <source>Sleep power</source>
        <translation>Leistung im Schlaf</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>%1: enter a number.</source>
        <translation>%1: Geben Sie eine Zahl ein.</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number.</source>
        <translation>%1: &apos;%2&apos; ist keine Zahl.</translation>
    </message>
    <message>
        <source>%1 must be above %2.</source>
        <translation>%1 muss größer als %2 sein.</translation>
    </message>
    <message>
        <source>%1 must not be negative.</source>
        <translation>%1 darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>%1: %2 is implausibly large.</source>
        <translation>%1: %2 ist unplausibel groß.</translation>
    </message>
    <message>
        <source>Sleep power must not exceed active power.</source>
        <translation>Die Leistung im Schlaf darf die aktive Leistung nicht übersteigen.</translation>
    </message>
    <message>
        <source>Latency model: no known board to borrow it from.</source>
        <translation>Latenzmodell: Kein bekanntes Board, von dem es übernommen werden kann.</translation>
    </message>
    <message>
        <source>%1: %2 SRAM, %3 Flash, %4 MHz.</source>
        <translation>%1: %2 SRAM, %3 Flash, %4 MHz.</translation>
    </message>
</context>
<context>
    <name>tinyforge::EstimateService</name>
    <message>
        <source>This build has no estimator.</source>
        <translation>Dieser Build enthält keinen Schätzer.</translation>
    </message>
    <message>
        <source>No layers yet: drag layers from the palette and connect them to the input.</source>
        <translation>Noch keine Schichten: Schichten aus der Palette ziehen und mit dem Eingang verbinden.</translation>
    </message>
</context>
<context>
    <name>tinyforge::ExploreView</name>
    <message>
        <source>&lt;h3&gt;Explore&lt;/h3&gt;&lt;p&gt;This build of TinyForge Studio has no search engine (core/nas is built with libtorch), so it cannot explore search spaces. Install libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) and rebuild.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Erkunden&lt;/h3&gt;&lt;p&gt;Dieser Build von TinyForge Studio enthält keine Such-Engine (core/nas wird mit libtorch gebaut) und kann daher keine Suchräume erkunden. Installieren Sie libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) und bauen Sie neu.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Which input resolution and width multiplier should the search start from? For each pair, random architectures of the scaled backbone are estimated on the board; the curves are the ops distributions (CDF) of those that fit. Further right = larger models fit = more room for accuracy (TinyNAS). Ranked best first.</source>
        <translation>Von welcher Eingabeauflösung und welchem Breitenmultiplikator soll die Suche ausgehen? Für jedes Paar werden zufällige Architekturen des skalierten Backbones auf dem Board geschätzt; die Kurven sind die Ops-Verteilungen (CDF) der passenden. Weiter rechts = größere Modelle passen = mehr Spielraum für Genauigkeit (TinyNAS). Beste zuerst.</translation>
    </message>
    <message>
        <source>Architectures sampled per configuration</source>
        <translation>Stichproben-Architekturen pro Konfiguration</translation>
    </message>
    <message>
        <source>Input heights×widths, comma-separated, e.g. 49x10, 40x10, 32x10</source>
        <translation>Eingabehöhen×-breiten, durch Kommas getrennt, z. B. 49x10, 40x10, 32x10</translation>
    </message>
    <message>
        <source>Width multipliers, comma-separated, e.g. 0.25, 0.5, 0.75, 1</source>
        <translation>Breitenmultiplikatoren, durch Kommas getrennt, z. B. 0.25, 0.5, 0.75, 1</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>Erkunden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>From the canvas</source>
        <translation>Von der Arbeitsfläche</translation>
    </message>
    <message>
        <source>Resolutions and multipliers around the canvas&apos;s backbone</source>
        <translation>Auflösungen und Multiplikatoren rund um das Backbone der Arbeitsfläche</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>Auflösungen</translation>
    </message>
    <message>
        <source>Width multipliers</source>
        <translation>Breitenmultiplikatoren</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Ops of the sampled models that fit (CDF), per resolution × width multiplier</source>
        <translation>Ops der passenden Stichproben-Modelle (CDF), je Auflösung × Breitenmultiplikator</translation>
    </message>
    <message>
        <source>Mops (1 MAC = 2 ops)</source>
        <translation>Mops (1 MAC = 2 Ops)</translation>
    </message>
    <message>
        <source>fraction of fitting models ≤ x</source>
        <translation>Anteil passender Modelle ≤ x</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <source>Width ×</source>
        <translation>Breite ×</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Passend</translation>
    </message>
    <message>
        <source>Mean ops of fitting</source>
        <translation>Mittlere Ops der passenden</translation>
    </message>
    <message>
        <source>Smallest model (Flash / SRAM)</source>
        <translation>Kleinstes Modell (Flash / SRAM)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Resolution &apos;%1&apos;: write height x width, e.g. 49x10</source>
        <translation>Auflösung &apos;%1&apos;: Höhe x Breite angeben, z. B. 49x10</translation>
    </message>
    <message>
        <source>Width multiplier &apos;%1&apos;: a positive number, e.g. 0.5</source>
        <translation>Breitenmultiplikator &apos;%1&apos;: eine positive Zahl, z. B. 0.5</translation>
    </message>
    <message>
        <source>This build cannot explore (no search engine).</source>
        <translation>Dieser Build kann nicht erkunden (keine Such-Engine).</translation>
    </message>
    <message>
        <source>An exploration is already running.</source>
        <translation>Eine Erkundung läuft bereits.</translation>
    </message>
    <message>
        <source>Exploring %1 configurations × %2 samples…</source>
        <translation>Erkunde %1 Konfigurationen × %2 Stichproben…</translation>
    </message>
    <message>
        <source>Cannot explore: %1</source>
        <translation>Erkunden nicht möglich: %1</translation>
    </message>
    <message>
        <source>#%1 %2, ×%3: %4 ops mean, %5% fit</source>
        <translation>#%1 %2, ×%3: im Mittel %4 Ops, %5% passen</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 von %2%3</translation>
    </message>
    <message>
        <source> (all)</source>
        <translation> (alle)</translation>
    </message>
    <message>
        <source>%1 ops</source>
        <translation>%1 Ops</translation>
    </message>
    <message>
        <source>nothing fits</source>
        <translation>nichts passt</translation>
    </message>
    <message>
        <source>Best on %1: resolution %2 with width ×%3 (%4 of %5 sampled models fit, %6 ops on average). Budgets: Flash %7, SRAM %8.</source>
        <translation>Am besten auf %1: Auflösung %2 mit Breite ×%3 (%4 von %5 Stichproben-Modellen passen, im Mittel %6 Ops). Budgets: Flash %7, SRAM %8.</translation>
    </message>
    <message>
        <source>No sampled model fits %1: try smaller resolutions or width multipliers, or a larger board.</source>
        <translation>Kein Stichproben-Modell passt auf %1: Versuchen Sie kleinere Auflösungen oder Breitenmultiplikatoren oder ein größeres Board.</translation>
    </message>
</context>
<context>
    <name>tinyforge::ExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Folder for the exported files</source>
        <translation>Ordner für die exportierten Dateien</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
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
        <translation>Speicherplan</translation>
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
        <translation>Null-Platzhaltergewichte schreiben (für Größen und einen ersten Build auf dem Board)</translation>
    </message>
    <message>
        <source>Calibration samples (.npy or raw float32) to quantize the float weights</source>
        <translation>Kalibrierdaten (.npy oder rohes float32) zum Quantisieren der Float-Gewichte</translation>
    </message>
    <message>
        <source>Export even for boards the model does not fit</source>
        <translation>Auch für Boards exportieren, auf die das Modell nicht passt</translation>
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
        <translation>Dieser Build enthält keinen Exporter (core/export).</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>Tick at least one board.</source>
        <translation>Haken Sie mindestens ein Board an.</translation>
    </message>
    <message>
        <source>Tick at least one kind of file.</source>
        <translation>Haken Sie mindestens eine Dateiart an.</translation>
    </message>
    <message>
        <source>The model has no trained weights (it was drawn or is a reference architecture): tick the placeholder weights to export it for its sizes, or import a trained .tflite.</source>
        <translation>Das Modell hat keine trainierten Gewichte (es wurde gezeichnet oder ist eine Referenzarchitektur): Haken Sie die Platzhaltergewichte an, um es für seine Größen zu exportieren, oder importieren Sie ein trainiertes .tflite.</translation>
    </message>
    <message>
        <source>The weights are float32: give calibration samples to quantize them to int8.</source>
        <translation>Die Gewichte sind float32: Geben Sie Kalibrierdaten an, um sie nach int8 zu quantisieren.</translation>
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
        <translation>Abbruch nach dem aktuellen Schritt…</translation>
    </message>
    <message>
        <source>Firmware project</source>
        <translation>Firmware-Projekt</translation>
    </message>
    <message>
        <source>Per board, a folder with the model as TinyForge&apos;s generated C, its kernels, start-up code and a linker script sized to the board: builds with cmake -B build &amp;&amp; cmake --build build</source>
        <translation>Pro Board ein Ordner mit dem Modell als von TinyForge erzeugtem C-Code, seinen Kerneln, Startcode und einem auf das Board zugeschnittenen Linkerskript: baut mit cmake -B build &amp;&amp; cmake --build build</translation>
    </message>
    <message>
        <source>and build it</source>
        <translation>und bauen</translation>
    </message>
    <message>
        <source>Compile each firmware with arm-none-eabi-gcc (ELF and map file in its build-board folder)</source>
        <translation>Jede Firmware mit arm-none-eabi-gcc kompilieren (ELF- und Map-Datei in ihrem build-Board-Ordner)</translation>
    </message>
</context>
<context>
    <name>tinyforge::FilePathDialog</name>
    <message>
        <source>Open the file yourself</source>
        <translation>Datei selbst öffnen</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>This system has no browser registered to open the report. Open this file in a browser:</source>
        <translation>Auf diesem System ist kein Browser zum Öffnen des Berichts eingetragen. Öffnen Sie diese Datei in einem Browser:</translation>
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
    <message>
        <source>Paste %1</source>
        <translation>%1 einfügen</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>%n Knoten einfügen</numerusform>
            <numerusform>%n Knoten einfügen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tinyforge::GraphScene</name>
    <message>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
    <message>
        <source>Not connected to an input: left out of the figures</source>
        <translation>Nicht mit einem Eingang verbunden: in den Werten nicht enthalten</translation>
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
    <message>
        <source>Not connected to an input: left out of the figures. Drag from a port to connect it.</source>
        <translation>Nicht mit einem Eingang verbunden: in den Werten nicht enthalten. Zum Verbinden von einem Anschluss ziehen.</translation>
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
        <source>Measured on %1 (operator measurements)</source>
        <translation>Auf %1 gemessen (Operator-Messungen)</translation>
    </message>
    <message>
        <source>Modelled for %1, from a similar board&apos;s fit (estimated)</source>
        <translation>Für %1 modelliert, aus der Anpassung eines ähnlichen Boards (geschätzt)</translation>
    </message>
    <message>
        <source>Modelled for %1, fitted to its published measurements</source>
        <translation>Für %1 modelliert, an seine veröffentlichten Messungen angepasst</translation>
    </message>
    <message>
        <source>Latency per layer on %1, the dashboard&apos;s first board</source>
        <translation>Latenz je Schicht auf %1, dem ersten Board der Übersicht</translation>
    </message>
    <message>
        <source>Latency on %1</source>
        <translation>Latenz auf %1</translation>
    </message>
    <message>
        <source>Share of latency</source>
        <translation>Anteil an der Latenz</translation>
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
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Export for &amp;boards…</source>
        <translation>Für &amp;Boards exportieren…</translation>
    </message>
    <message>
        <source>Write the int8 .tflite, C sources, memory maps and HTML reports for the chosen boards</source>
        <translation>int8-.tflite, C-Quellen, Speicherpläne und HTML-Berichte für die gewählten Boards schreiben</translation>
    </message>
    <message>
        <source>Opened %1 (%2) from the Pareto explorer</source>
        <translation>%1 (%2) aus dem Pareto-Explorer geöffnet</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>The search stores its runs and candidates in the project file. Save the project now?</source>
        <translation>Die Suche speichert ihre Läufe und Kandidaten in der Projektdatei. Projekt jetzt speichern?</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>Erkunden</translation>
    </message>
    <message>
        <source>Search %1 finished: its model is in the Pareto tab</source>
        <translation>Suche %1 abgeschlossen: Ihr Modell steht im Pareto-Tab</translation>
    </message>
    <message>
        <source>A search is running</source>
        <translation>Eine Suche läuft</translation>
    </message>
    <message>
        <source>Search %1 is still running.</source>
        <translation>Suche %1 läuft noch.</translation>
    </message>
    <message>
        <source>Stop it now: the last finished epoch&apos;s checkpoint is kept, and reopening this project lists the run with Resume.
Or keep it running: the window closes and the studio quits when the search has finished.</source>
        <translation>Jetzt anhalten: Der Checkpoint der letzten abgeschlossenen Epoche bleibt erhalten, und beim erneuten Öffnen des Projekts erscheint der Lauf mit „Fortsetzen“.
Oder weiterlaufen lassen: Das Fenster schließt sich, und das Studio beendet sich, wenn die Suche fertig ist.</translation>
    </message>
    <message>
        <source>Stop and close</source>
        <translation>Anhalten und schließen</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message numerus="yes">
        <source>The estimator took %1 for %n board(s).</source>
        <translation>
            <numerusform>Die Schätzung dauerte %1 für %n Board.</numerusform>
            <numerusform>Die Schätzung dauerte %1 für %n Boards.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>&amp;Reconnect neighbours on delete</source>
        <translation>Beim Löschen &amp;Nachbarn verbinden</translation>
    </message>
    <message>
        <source>Deleting a layer connects its input to the layers it fed, where the shapes allow</source>
        <translation>Beim Löschen einer Schicht wird ihr Eingang mit den Schichten verbunden, die sie gespeist hat, wo die Formen es erlauben</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n layer(s)</source>
        <translation>
            <numerusform>%n Schicht kopiert</numerusform>
            <numerusform>%n Schichten kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n layer(s)</source>
        <translation>
            <numerusform>%n Schicht eingefügt</numerusform>
            <numerusform>%n Schichten eingefügt</numerusform>
        </translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The studio shows the new language when it starts again.</source>
        <translation>Das Studio zeigt die neue Sprache nach einem Neustart.</translation>
    </message>
    <message>
        <source>Restart now? The project is reopened (you are asked to save it first).</source>
        <translation>Jetzt neu starten? Das Projekt wird wieder geöffnet (vorher werden Sie gefragt, ob es gespeichert werden soll).</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Cannot start the studio again; the new language shows at the next start.</source>
        <translation>Das Studio kann nicht neu gestartet werden; die neue Sprache erscheint beim nächsten Start.</translation>
    </message>
    <message>
        <source>TinyForge Studio user guide</source>
        <translation>Benutzerhandbuch von TinyForge Studio</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Canvas: zoom</source>
        <translation>Arbeitsfläche: zoomen</translation>
    </message>
    <message>
        <source>Ctrl+mouse wheel</source>
        <translation>Strg+Mausrad</translation>
    </message>
    <message>
        <source>Canvas: connect two layers</source>
        <translation>Arbeitsfläche: zwei Schichten verbinden</translation>
    </message>
    <message>
        <source>drag from a port (the circle above or below a layer) to the other layer</source>
        <translation>von einem Anschluss (dem Kreis über oder unter einer Schicht) zur anderen Schicht ziehen</translation>
    </message>
    <message>
        <source>Canvas: insert a layer on an edge</source>
        <translation>Arbeitsfläche: Schicht in eine Kante einfügen</translation>
    </message>
    <message>
        <source>drop it from the palette onto the edge</source>
        <translation>aus der Palette auf die Kante ziehen</translation>
    </message>
    <message>
        <source>Canvas: select several</source>
        <translation>Arbeitsfläche: mehrere auswählen</translation>
    </message>
    <message>
        <source>drag a rectangle on the background, or Ctrl+click</source>
        <translation>ein Rechteck auf dem Hintergrund aufziehen, oder Strg+Klick</translation>
    </message>
    <message>
        <source>Spin boxes</source>
        <translation>Zahlenfelder</translation>
    </message>
    <message>
        <source>click into one before the mouse wheel changes it</source>
        <translation>erst hineinklicken, dann ändert das Mausrad den Wert</translation>
    </message>
    <message>
        <source>Layers: %1, MACs: %2, parameters: %3</source>
        <translation>Schichten: %1, MACs: %2, Parameter: %3</translation>
    </message>
    <message>
        <source>not connected, left out of the figures: %1</source>
        <translation>nicht verbunden, in den Werten nicht enthalten: %1</translation>
    </message>
    <message>
        <source>Restart now? What is open is opened again.</source>
        <translation>Jetzt neu starten? Was geöffnet ist, wird wieder geöffnet.</translation>
    </message>
    <message>
        <source>Patches</source>
        <translation>Patches</translation>
    </message>
</context>
<context>
    <name>tinyforge::MemoryMapView</name>
    <message>
        <source>(graph input)</source>
        <translation>(Grapheingabe)</translation>
    </message>
    <message>
        <source>{model} on {board} ({runtime}): {verdict}</source>
        <translation>{model} auf {board} ({runtime}): {verdict}</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>DOES NOT FIT</source>
        <translation>PASST NICHT</translation>
    </message>
    <message>
        <source>SRAM arena: head {head}, smallest working arena {arena}, lower bound {bound}</source>
        <translation>SRAM-Arena: Kopf {head}, kleinste funktionierende Arena {arena}, Untergrenze {bound}</translation>
    </message>
    <message>
        <source>arena offset (bytes)</source>
        <translation>Arena-Offset (Bytes)</translation>
    </message>
    <message>
        <source>operator step (execution order)</source>
        <translation>Operatorschritt (Ausführungsreihenfolge)</translation>
    </message>
    <message>
        <source>activation buffer (colour: the layer that writes it)</source>
        <translation>Aktivierungspuffer (Farbe: die Schicht, die ihn schreibt)</translation>
    </message>
    <message>
        <source>kernel scratch</source>
        <translation>Kernel-Zwischenspeicher</translation>
    </message>
    <message>
        <source>kernel temporaries (one block for all operators)</source>
        <translation>Kernel-Zwischenpuffer (ein Block für alle Operatoren)</translation>
    </message>
    <message>
        <source>persistent tail (runtime structures)</source>
        <translation>dauerhaftes Ende (Laufzeitstrukturen)</translation>
    </message>
    <message>
        <source>lower bound (most bytes live at once)</source>
        <translation>Untergrenze (größte Zahl gleichzeitig lebender Bytes)</translation>
    </message>
    <message>
        <source>{memory}: needs {need} of {budget} - {verdict}</source>
        <translation>{memory}: braucht {need} von {budget} - {verdict}</translation>
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
        <translation>Budget</translation>
    </message>
    <message>
        <source>arena capacity</source>
        <translation>Arena-Kapazität</translation>
    </message>
    <message>
        <source>runtime code</source>
        <translation>Laufzeitcode</translation>
    </message>
    <message>
        <source>weights and constants (colour: layer)</source>
        <translation>Gewichte und Konstanten (Farbe: Schicht)</translation>
    </message>
    <message>
        <source>graph structure and metadata</source>
        <translation>Graphstruktur und Metadaten</translation>
    </message>
    <message>
        <source>arena head</source>
        <translation>Arena-Kopf</translation>
    </message>
    <message>
        <source>arena tail</source>
        <translation>Arena-Ende</translation>
    </message>
    <message>
        <source>runtime statics and stack</source>
        <translation>statische Laufzeitdaten und Stack</translation>
    </message>
    <message>
        <source>part of a memory bank the model uses</source>
        <translation>vom Modell genutzter Teil einer Speicherbank</translation>
    </message>
    <message>
        <source>No arena plan: choose a board and draw a model that shape-checks.</source>
        <translation>Kein Arena-Plan: ein Board wählen und ein Modell zeichnen, dessen Formen stimmen.</translation>
    </message>
    <message>
        <source>%1
%2 at offset %3 B
written by %4
live from operator step %5 to %6</source>
        <translation>%1
%2 bei Offset %3 B
geschrieben von %4
lebt von Operatorschritt %5 bis %6</translation>
    </message>
    <message>
        <source>%1
%2 at offset %3 B</source>
        <translation>%1
%2 bei Offset %3 B</translation>
    </message>
    <message>
        <source>%1: %2, the model uses %3</source>
        <translation>%1: %2, das Modell nutzt %3</translation>
    </message>
    <message>
        <source>best planner</source>
        <translation>bester Planer</translation>
    </message>
    <message>
        <source>best planner (= TFLM&apos;s)</source>
        <translation>bester Planer (= der von TFLM)</translation>
    </message>
    <message>
        <source>TFLM greedy</source>
        <translation>TFLM gierig</translation>
    </message>
    <message>
        <source>%1: head %2</source>
        <translation>%1: Kopf %2</translation>
    </message>
    <message>
        <source>; %1: %2</source>
        <translation>; %1: %2</translation>
    </message>
    <message>
        <source>; bound %1</source>
        <translation>; Schranke %1</translation>
    </message>
    <message>
        <source>; reordering saves %1 (peak %2 → %3)</source>
        <translation>; Umordnen spart %1 (Spitze %2 → %3)</translation>
    </message>
    <message>
        <source>; no operator order has a smaller peak</source>
        <translation>; keine Operatorreihenfolge hat eine kleinere Spitze</translation>
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
        <translation>AUC (%)</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) shown; on the front: %1.</source>
        <translation>
            <numerusform>%n Modell angezeigt; auf der Front: %1.</numerusform>
            <numerusform>%n Modelle angezeigt; auf der Front: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) without this figure for this board are not drawn.</source>
        <translation>
            <numerusform>%n Modell ohne diesen Wert für dieses Board wird nicht gezeichnet.</numerusform>
            <numerusform>%n Modelle ohne diesen Wert für dieses Board werden nicht gezeichnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2%</source>
        <translation>%1: %2%</translation>
    </message>
    <message>
        <source> (estimated by the source)</source>
        <translation> (von der Quelle geschätzt)</translation>
    </message>
    <message>
        <source>Latency on %1: %2</source>
        <translation>Latenz auf %1: %2</translation>
    </message>
    <message>
        <source>SRAM: %1</source>
        <translation>SRAM: %1</translation>
    </message>
    <message>
        <source>Model Flash: %1</source>
        <translation>Modell-Flash: %1</translation>
    </message>
    <message>
        <source>Ops: %1</source>
        <translation>Ops: %1</translation>
    </message>
    <message>
        <source>Fit on this board: not known</source>
        <translation>Passt auf dieses Board: unbekannt</translation>
    </message>
    <message>
        <source>Fits this board</source>
        <translation>Passt auf dieses Board</translation>
    </message>
    <message>
        <source>Does not fit this board</source>
        <translation>Passt nicht auf dieses Board</translation>
    </message>
    <message>
        <source>Click to open it on the canvas.</source>
        <translation>Klicken, um es auf der Arbeitsfläche zu öffnen.</translation>
    </message>
</context>
<context>
    <name>tinyforge::PatchView</name>
    <message>
        <source>Stage ends at</source>
        <translation>Stufe endet bei</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Peak SRAM (B)</source>
        <translation>SRAM-Spitze (B)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespart</translation>
    </message>
    <message>
        <source>Extra MACs</source>
        <translation>Zusätzliche MACs</translation>
    </message>
    <message>
        <source>Use the selected choice</source>
        <translation>Auswahl verwenden</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source> % extra MACs at most</source>
        <translation> % zusätzliche MACs höchstens</translation>
    </message>
    <message>
        <source>No patches</source>
        <translation>Keine Patches</translation>
    </message>
    <message>
        <source>No model to run in patches yet.</source>
        <translation>Noch kein Modell, das in Patches laufen könnte.</translation>
    </message>
    <message>
        <source>No split point and grid lowers this model&apos;s SRAM (arena %1 B without patches): its first layers cannot run in patches, or they do not set the peak.</source>
        <translation>Kein Trennpunkt und kein Raster senkt den SRAM dieses Modells (Arena %1 B ohne Patches): seine ersten Schichten können nicht in Patches laufen, oder sie bestimmen nicht die Spitze.</translation>
    </message>
    <message>
        <source>Without patches the generated C runtime (tinyforge-c) needs an arena of %1 B on %2. Each row runs the layers up to its split point patch by patch: less SRAM for recomputed halos (extra MACs, of the whole model). Only choices no other beats on both are listed. Planned figures (a model); measured under QEMU in docs/patches.md.</source>
        <translation>Ohne Patches braucht die generierte C-Laufzeit (tinyforge-c) auf %2 eine Arena von %1 B. Jede Zeile führt die Schichten bis zu ihrem Trennpunkt Patch für Patch aus: weniger SRAM gegen neu berechnete Ränder (zusätzliche MACs, bezogen auf das ganze Modell). Nur Wahlen, die keine andere in beidem übertrifft, sind aufgeführt. Geplante Werte (ein Modell); unter QEMU gemessen in docs/patches.md.</translation>
    </message>
    <message>
        <source>the first board</source>
        <translation>dem ersten Board</translation>
    </message>
    <message>
        <source>Operators 0..%1 run patch by patch</source>
        <translation>Operatoren 0..%1 laufen Patch für Patch</translation>
    </message>
    <message>
        <source>In use: no patches.</source>
        <translation>Verwendet: keine Patches.</translation>
    </message>
    <message>
        <source>In use: auto, at most %1 % extra MACs.</source>
        <translation>Verwendet: automatisch, höchstens %1 % zusätzliche MACs.</translation>
    </message>
    <message>
        <source>In use: up to &apos;%1&apos; in %2 x %3 patches.</source>
        <translation>Verwendet: bis &apos;%1&apos; in %2 x %3 Patches.</translation>
    </message>
    <message>
        <source>Patches apply to the tinyforge-c runtime only: choose it on the dashboard.</source>
        <translation>Patches gelten nur für die Laufzeit tinyforge-c: wählen Sie sie im Dashboard.</translation>
    </message>
    <message>
        <source>The estimates use an arena of %1 B.</source>
        <translation>Die Schätzungen verwenden eine Arena von %1 B.</translation>
    </message>
    <message>
        <source>No choice lowers the arena: the estimates run without patches.</source>
        <translation>Keine Wahl senkt die Arena: die Schätzungen laufen ohne Patches.</translation>
    </message>
</context>
<context>
    <name>tinyforge::ProbabilityHeatmap</name>
    <message>
        <source>Architecture probabilities (epoch %1)</source>
        <translation>Architekturwahrscheinlichkeiten (Epoche %1)</translation>
    </message>
    <message>
        <source>Architecture probabilities</source>
        <translation>Architekturwahrscheinlichkeiten</translation>
    </message>
    <message>
        <source>The probabilities appear after the first epoch.</source>
        <translation>Die Wahrscheinlichkeiten erscheinen nach der ersten Epoche.</translation>
    </message>
    <message>
        <source>%1 = %2: %3%</source>
        <translation>%1 = %2: %3%</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchCharts</name>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
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
        <translation>Ops</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>Loss (Kreuzentropie)</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Expected cost (% of budget)</source>
        <translation>Erwartete Kosten (% des Budgets)</translation>
    </message>
    <message>
        <source>Gumbel-softmax temperature</source>
        <translation>Gumbel-Softmax-Temperatur</translation>
    </message>
    <message>
        <source>Per epoch (x). Loss and accuracy: training per step, validation per epoch (of the argmax architecture). Expected costs: MicroNets eqs. 2 (Flash), 3 (SRAM) and 4 (ops) against the search&apos;s budgets, 100% = the budget.</source>
        <translation>Pro Epoche (x). Loss und Genauigkeit: Training pro Schritt, Validierung pro Epoche (der argmax-Architektur). Erwartete Kosten: MicroNets Gl. 2 (Flash), 3 (SRAM) und 4 (Ops) gegenüber den Budgets der Suche, 100 % = das Budget.</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchConfigForm</name>
    <message>
        <source>DNAS (differentiable)</source>
        <translation>DNAS (differenzierbar)</translation>
    </message>
    <message>
        <source>MicroNets&apos; differentiable search: architecture parameters trained with the weights</source>
        <translation>Die differenzierbare Suche von MicroNets: Architekturparameter werden mit den Gewichten trainiert</translation>
    </message>
    <message>
        <source>Evolution on the trained supernet</source>
        <translation>Evolution auf dem trainierten Supernetz</translation>
    </message>
    <message>
        <source>MCUNet&apos;s evolutionary search: the supernet is trained on random architectures, then generations of architectures that the estimator says fit the board are measured with its shared weights</source>
        <translation>Die evolutionäre Suche von MCUNet: Das Supernetz wird auf zufälligen Architekturen trainiert, dann werden Generationen von Architekturen, die laut Schätzer auf das Board passen, mit seinen geteilten Gewichten gemessen</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Children per generation: half by mutation, half by crossover</source>
        <translation>Kinder pro Generation: halb durch Mutation, halb durch Kreuzung</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Parents kept</source>
        <translation>Behaltene Eltern</translation>
    </message>
    <message>
        <source>Children per generation</source>
        <translation>Kinder pro Generation</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>Generationen</translation>
    </message>
    <message>
        <source>Search the canvas&apos;s backbone</source>
        <translation>Backbone der Arbeitsfläche durchsuchen</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>The run&apos;s name in the project (letters, digits, - and _); empty: the next free search-N</source>
        <translation>Name des Laufs im Projekt (Buchstaben, Ziffern, - und _); leer: das nächste freie search-N</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>Name des Laufs</translation>
    </message>
    <message>
        <source>Synthetic patterns</source>
        <translation>Synthetische Muster</translation>
    </message>
    <message>
        <source>A learnable pattern task generated on the fly: seconds per epoch, for trying things out</source>
        <translation>Eine lernbare Musteraufgabe, die laufend erzeugt wird: Sekunden pro Epoche, zum Ausprobieren</translation>
    </message>
    <message>
        <source>Synthesized keywords</source>
        <translation>Synthetisierte Schlüsselwörter</translation>
    </message>
    <message>
        <source>Spoken keywords synthesized once with espeak-ng and sox, read as Speech Commands</source>
        <translation>Gesprochene Schlüsselwörter, einmalig mit espeak-ng und sox synthetisiert, im Speech-Commands-Format gelesen</translation>
    </message>
    <message>
        <source>Speech Commands folder</source>
        <translation>Speech-Commands-Ordner</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>one sub-folder per keyword</source>
        <translation>ein Unterordner pro Schlüsselwort</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>from the board</source>
        <translation>vom Board</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>SRAM budget</source>
        <translation>SRAM-Budget</translation>
    </message>
    <message>
        <source>Flash budget</source>
        <translation>Flash-Budget</translation>
    </message>
    <message>
        <source>Latency budget</source>
        <translation>Latenzbudget</translation>
    </message>
    <message>
        <source>whole train split</source>
        <translation>ganzer Trainingssplit</translation>
    </message>
    <message>
        <source>Search epochs</source>
        <translation>Suchepochen</translation>
    </message>
    <message>
        <source>of which warm-up</source>
        <translation>davon Aufwärmen</translation>
    </message>
    <message>
        <source>Fine-tune epochs</source>
        <translation>Feintuning-Epochen</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation>Schritte pro Epoche</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>The search&apos;s budgets: activations (eq. 3) %1, weights (eq. 2) %2%3</source>
        <translation>Budgets der Suche: Aktivierungen (Gl. 3) %1, Gewichte (Gl. 2) %2%3</translation>
    </message>
    <message>
        <source>, %1 ops (eq. 4)</source>
        <translation>, %1 Ops (Gl. 4)</translation>
    </message>
    <message>
        <source>Budgets: %1</source>
        <translation>Budgets: %1</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchPanel</name>
    <message>
        <source>evolution: generation %1/%2, best %3%, mean %4%</source>
        <translation>Evolution: Generation %1/%2, beste %3 %, Mittel %4 %</translation>
    </message>
    <message>
        <source>Best architecture of generation %1</source>
        <translation>Beste Architektur der Generation %1</translation>
    </message>
    <message>
        <source>%1: evolution generation %2/%3: best %4%, mean %5% (supernet, validation); %6 architectures measured, %7 refused by the estimator</source>
        <translation>%1: Evolution, Generation %2/%3: beste %4 %, Mittel %5 % (Supernetz, Validierung); %6 Architekturen gemessen, %7 vom Schätzer abgelehnt</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Search&lt;/h3&gt;&lt;p&gt;This build of TinyForge Studio has no search engine: it was built without libtorch (TINYFORGE_BUILD_SEARCH is off).&lt;/p&gt;&lt;p&gt;Install libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) and rebuild to run DNAS searches here. Search runs stored in a project still appear in the Pareto tab.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Suche&lt;/h3&gt;&lt;p&gt;Dieser Build von TinyForge Studio enthält keine Such-Engine: Er wurde ohne libtorch gebaut (TINYFORGE_BUILD_SEARCH ist aus).&lt;/p&gt;&lt;p&gt;Installieren Sie libtorch (Debian: &lt;code&gt;apt-get install libtorch-dev&lt;/code&gt;) und bauen Sie neu, um hier DNAS-Suchen auszuführen. In einem Projekt gespeicherte Suchläufe erscheinen weiterhin im Pareto-Tab.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Stop at the next step; the last epoch&apos;s checkpoint is kept and Resume continues from it</source>
        <translation>Beim nächsten Schritt anhalten; der Checkpoint der letzten Epoche bleibt erhalten, und „Fortsetzen“ macht dort weiter</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop the run and set up a new one; it stays in the list of unfinished runs</source>
        <translation>Den Lauf stoppen und einen neuen einrichten; er bleibt in der Liste der unfertigen Läufe</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Unfinished runs in this project</source>
        <translation>Unfertige Läufe in diesem Projekt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation>Ausgewählten Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Current architecture (argmax): appears after the first epoch</source>
        <translation>Aktuelle Architektur (argmax): erscheint nach der ersten Epoche</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>This build has no search engine.</source>
        <translation>Dieser Build enthält keine Such-Engine.</translation>
    </message>
    <message>
        <source>A search is already running: pause or stop it first.</source>
        <translation>Es läuft bereits eine Suche: Pausieren oder stoppen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Save the project first: the search stores its runs, checkpoints and candidates in it.</source>
        <translation>Speichern Sie zuerst das Projekt: Die Suche legt ihre Läufe, Checkpoints und Kandidaten darin ab.</translation>
    </message>
    <message>
        <source>The canvas&apos;s model has nothing to search: give layers search widths or make blocks skippable in the inspector, or open a backbone (File → New from template: KWS backbone).</source>
        <translation>Das Modell auf der Arbeitsfläche bietet nichts zu durchsuchen: Geben Sie Schichten Suchbreiten oder machen Sie Blöcke in den Eigenschaften überspringbar, oder öffnen Sie ein Backbone (Datei → Neu aus Vorlage: KWS-Backbone).</translation>
    </message>
    <message>
        <source>The canvas&apos;s model cannot be searched: %1</source>
        <translation>Das Modell auf der Arbeitsfläche kann nicht durchsucht werden: %1</translation>
    </message>
    <message>
        <source>Run name &apos;%1&apos;: use letters, digits, - and _ only.</source>
        <translation>Name des Laufs &apos;%1&apos;: nur Buchstaben, Ziffern, - und _ verwenden.</translation>
    </message>
    <message>
        <source>The project already has a run named &apos;%1&apos;.</source>
        <translation>Das Projekt hat bereits einen Lauf namens &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The project already has a run named &apos;%1&apos;. Replace it (its checkpoints and candidates are deleted)?</source>
        <translation>Das Projekt hat bereits einen Lauf namens &apos;%1&apos;. Ersetzen (seine Checkpoints und Kandidaten werden gelöscht)?</translation>
    </message>
    <message>
        <source>Resuming %1…</source>
        <translation>Setze %1 fort…</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Starte %1…</translation>
    </message>
    <message>
        <source>Pausing at the next step…</source>
        <translation>Pausiere beim nächsten Schritt…</translation>
    </message>
    <message>
        <source>A search is already running.</source>
        <translation>Es läuft bereits eine Suche.</translation>
    </message>
    <message>
        <source>No run to resume: pick one in the list of unfinished runs.</source>
        <translation>Kein Lauf zum Fortsetzen: Wählen Sie einen aus der Liste der unfertigen Läufe.</translation>
    </message>
    <message>
        <source>Open the project the run belongs to first.</source>
        <translation>Öffnen Sie zuerst das Projekt, zu dem der Lauf gehört.</translation>
    </message>
    <message>
        <source>Run &apos;%1&apos; was not started from the studio (%2 is missing): continue it with `tinyforge search CONFIG --resume`.</source>
        <translation>Lauf &apos;%1&apos; wurde nicht im Studio gestartet (%2 fehlt): Setzen Sie ihn mit `tinyforge search CONFIG --resume` fort.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>epoch %1/%2 (%3), step %4/%5</source>
        <translation>Epoche %1/%2 (%3), Schritt %4/%5</translation>
    </message>
    <message>
        <source>%1: epoch %2/%3 (%4) done, validation accuracy %5%; expected Flash %6, SRAM %7, %8 ops</source>
        <translation>%1: Epoche %2/%3 (%4) fertig, Validierungsgenauigkeit %5%; erwartet Flash %6, SRAM %7, %8 Ops</translation>
    </message>
    <message>
        <source>%1 finished: %2; int8 test accuracy %3% (float %4%)</source>
        <translation>%1 fertig: %2; int8-Testgenauigkeit %3% (Float %4%)</translation>
    </message>
    <message>
        <source>Search %1 failed: %2</source>
        <translation>Suche %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>the checkpoint of epoch %1 is kept</source>
        <translation>der Checkpoint von Epoche %1 bleibt erhalten</translation>
    </message>
    <message>
        <source>no epoch had finished, so a resume starts over</source>
        <translation>keine Epoche war abgeschlossen, daher beginnt ein Fortsetzen von vorn</translation>
    </message>
    <message>
        <source>%1 stopped (%2); resume it from the list of unfinished runs.</source>
        <translation>%1 gestoppt (%2); setzen Sie ihn aus der Liste der unfertigen Läufe fort.</translation>
    </message>
    <message>
        <source>%1 paused (%2); Resume continues from there.</source>
        <translation>%1 pausiert (%2); „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Current architecture (argmax): %1</source>
        <translation>Aktuelle Architektur (argmax): %1</translation>
    </message>
    <message>
        <source>Current architecture: %1 (cannot draw it: %2)</source>
        <translation>Aktuelle Architektur: %1 (kann nicht gezeichnet werden: %2)</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>läuft gerade</translation>
    </message>
    <message>
        <source>resumable</source>
        <translation>fortsetzbar</translation>
    </message>
    <message>
        <source>started from the CLI</source>
        <translation>über die CLI gestartet</translation>
    </message>
    <message>
        <source>stopped (exit code %1)</source>
        <translation>beendet (Exit-Code %1)</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>beendet: %1</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Worker-Prozesse</translation>
    </message>
    <message>
        <source>Train on this many local processes (data-parallel: each takes a slice of every batch, gradients are summed with c10d/Gloo). Each uses the config&apos;s threads; on a machine with few cores more processes are not faster.</source>
        <translation>Mit so vielen lokalen Prozessen trainieren (datenparallel: jeder nimmt einen Teil jedes Batches, die Gradienten werden mit c10d/Gloo summiert). Jeder nutzt die Threads der Konfiguration; auf einem Rechner mit wenigen Kernen sind mehr Prozesse nicht schneller.</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>No free TCP port on 127.0.0.1 for the worker processes.</source>
        <translation>Kein freier TCP-Port auf 127.0.0.1 für die Worker-Prozesse.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>epoch %1/%2 %3, step %4/%5, loss %6</source>
        <translation>Epoche %1/%2 %3, Schritt %4/%5, Loss %6</translation>
    </message>
    <message>
        <source>finished: wrote the model</source>
        <translation>fertig: Modell geschrieben</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchRunner</name>
    <message>
        <source>A search is already running.</source>
        <translation>Es läuft bereits eine Suche.</translation>
    </message>
    <message>
        <source>This build of TinyForge has no search engine (it needs libtorch).</source>
        <translation>Dieser Build von TinyForge enthält keine Such-Engine (sie benötigt libtorch).</translation>
    </message>
</context>
<context>
    <name>tinyforge::SearchWorkers</name>
    <message>
        <source>Worker processes need the tinyforge command line tool beside the studio or on PATH.</source>
        <translation>Worker-Prozesse brauchen das Kommandozeilenwerkzeug tinyforge neben dem Studio oder im PATH.</translation>
    </message>
    <message>
        <source>epoch %1/%2 %3, step %4/%5, loss %6</source>
        <translation>Epoche %1/%2 %3, Schritt %4/%5, Loss %6</translation>
    </message>
    <message>
        <source>finished its part (rank 0 writes the model)</source>
        <translation>Anteil fertig (Rang 0 schreibt das Modell)</translation>
    </message>
</context>
</TS>
