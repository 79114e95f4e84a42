// Menus and toolbar; the clipboard of layers; the language; help (user guide, shortcuts).

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <functional>

#include "app/studio/main_window.h"
#include "widgets/graph_clipboard.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"

namespace tinyforge {
namespace {

const char* kReconnectSetting = "edit/reconnectOnDelete";

QString plainText(QString text) { return text.remove(QLatin1Char('&')).remove(QStringLiteral("\u2026")); }

// Undo/Redo in the toolbar keep their width: their text is fixed and what they undo is
// said in the tooltip (the menu entries say it in full).
QAction* fixedWidthUndoAction(QObject* parent, QAction* menu_action, const QString& text) {
  auto* action = new QAction(text, parent);
  action->setEnabled(menu_action->isEnabled());
  action->setToolTip(plainText(menu_action->text()));
  QObject::connect(menu_action, &QAction::changed, action, [action, menu_action] {
    action->setEnabled(menu_action->isEnabled());
    action->setToolTip(plainText(menu_action->text()));
  });
  QObject::connect(action, &QAction::triggered, menu_action, &QAction::trigger);
  return action;
}

}  // namespace

QAction* MainWindow::addNamedAction(const QString& name, QAction* action) {
  action->setObjectName(name);
  actions_.insert(name, action);
  return action;
}

QAction* MainWindow::action(const QString& name) const { return actions_.value(name); }

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  toolbar_ = addToolBar(tr("Main"));
  toolbar_->setObjectName(QStringLiteral("MainToolBar"));
  toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);

  QAction* new_action = addNamedAction(QStringLiteral("new"), file->addAction(tr("&New"), this, [this] {
    if (maybeSave()) newProject();
  }));
  new_action->setShortcut(QKeySequence::New);
  QAction* template_action = addNamedAction(
      QStringLiteral("new_from_template"), file->addAction(tr("New from &template\u2026"), this, &MainWindow::showNewFromTemplateDialog));
  template_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  QAction* open_action = addNamedAction(QStringLiteral("open"), file->addAction(tr("&Open\u2026"), this, &MainWindow::open));
  open_action->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &recent"));
  file->addSeparator();
  QAction* save_action = addNamedAction(QStringLiteral("save"), file->addAction(tr("&Save"), this, &MainWindow::save));
  save_action->setShortcut(QKeySequence::Save);
  QAction* save_as_action = addNamedAction(QStringLiteral("save_as"), file->addAction(tr("Save &as\u2026"), this, &MainWindow::saveAs));
  save_as_action->setShortcut(QKeySequence::SaveAs);
  file->addAction(tr("&Export graph as JSON\u2026"), this, &MainWindow::exportGraphJson);
  QAction* export_action = addNamedAction(QStringLiteral("export"),
                                          file->addAction(tr("Export for &boards\u2026"), this, [this] { showExportDialog(); }));
  export_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  export_action->setToolTip(tr("Write the int8 .tflite, C sources, memory maps and HTML reports for the chosen boards"));
  file->addSeparator();
  QAction* quit_action = addNamedAction(QStringLiteral("quit"), file->addAction(tr("&Quit"), this, &QWidget::close));
  quit_action->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = addNamedAction(QStringLiteral("undo"), document_->undoStack()->createUndoAction(this, tr("&Undo")));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = addNamedAction(QStringLiteral("redo"), document_->undoStack()->createRedoAction(this, tr("&Redo")));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  // The clipboard works on the canvas: layers and blocks with the edges between them.
  QAction* cut = addNamedAction(QStringLiteral("cut"), edit->addAction(tr("Cu&t"), this, &MainWindow::cutSelection));
  cut->setShortcut(QKeySequence::Cut);
  QAction* copy = addNamedAction(QStringLiteral("copy"), edit->addAction(tr("&Copy"), this, &MainWindow::copySelection));
  copy->setShortcut(QKeySequence::Copy);
  QAction* paste = addNamedAction(QStringLiteral("paste"), edit->addAction(tr("&Paste"), this, &MainWindow::pasteClipboard));
  paste->setShortcut(QKeySequence::Paste);
  for (QAction* a : {cut, copy, paste}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    view_->addAction(a);
  }
  QAction* delete_action = addNamedAction(QStringLiteral("delete"), edit->addAction(tr("&Delete"), this, [this] {
    scene_->deleteSelection(action(QStringLiteral("reconnect"))->isChecked());
  }));
  delete_action->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
  delete_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  view_->addAction(delete_action);
  QAction* reconnect = addNamedAction(QStringLiteral("reconnect"), edit->addAction(tr("&Reconnect neighbours on delete")));
  reconnect->setCheckable(true);
  reconnect->setChecked(QSettings().value(QLatin1String(kReconnectSetting), true).toBool());
  reconnect->setToolTip(tr("Deleting a layer connects its input to the layers it fed, where the shapes allow"));
  connect(reconnect, &QAction::toggled, this, [](bool on) { QSettings().setValue(QLatin1String(kReconnectSetting), on); });
  QAction* select_all = addNamedAction(QStringLiteral("select_all"), edit->addAction(tr("Select &all"), this, [this] {
    for (QGraphicsItem* item : scene_->items()) item->setSelected(true);
  }));
  select_all->setShortcut(QKeySequence::SelectAll);
  select_all->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  view_->addAction(select_all);
  QAction* layout_action = addNamedAction(QStringLiteral("auto_layout"), edit->addAction(tr("Auto &layout"), this, [this] {
    document_->autoLayout();
    view_->fitGraph();
  }));
  layout_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

  view_menu_ = menuBar()->addMenu(tr("&View"));
  QAction* zoom_in = addNamedAction(QStringLiteral("zoom_in"), view_menu_->addAction(tr("Zoom &in"), view_, &GraphView::zoomIn));
  zoom_in->setShortcut(QKeySequence::ZoomIn);
  QAction* zoom_out = addNamedAction(QStringLiteral("zoom_out"), view_menu_->addAction(tr("Zoom &out"), view_, &GraphView::zoomOut));
  zoom_out->setShortcut(QKeySequence::ZoomOut);
  QAction* fit = addNamedAction(QStringLiteral("fit"), view_menu_->addAction(tr("&Fit to window"), view_, &GraphView::fitGraph));
  fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  view_menu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view_menu_->addAction(dock->toggleViewAction());

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  QMenu* language = settings->addMenu(tr("&Language"));
  auto* language_group = new QActionGroup(this);
  const QString current_language = QSettings().value(QStringLiteral("language")).toString();
  const QList<QPair<QString, QString>> languages = {{QString(), tr("System default")},
                                                     {QStringLiteral("en"), QStringLiteral("English")},
                                                     {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                     {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
  for (const auto& [code, label] : languages) {
    QAction* choice = addNamedAction(QStringLiteral("language:") + code, language->addAction(label));
    choice->setCheckable(true);
    choice->setChecked(code == current_language);
    language_group->addAction(choice);
    connect(choice, &QAction::triggered, this, [this, code = code] { chooseLanguage(code); });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* guide = addNamedAction(QStringLiteral("user_guide"), help->addAction(tr("&User guide"), this, &MainWindow::showUserGuide));
  guide->setShortcut(QKeySequence::HelpContents);
  addNamedAction(QStringLiteral("shortcuts"), help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts));
  help->addSeparator();
  help->addAction(tr("&About TinyForge"), this, [this] {
    QMessageBox::about(this, tr("About TinyForge"),
                       tr("<b>TinyForge Studio %1</b><p>Design neural networks that fit microcontrollers: "
                          "Flash, SRAM, latency and energy per board for TensorFlow Lite Micro, at every edit.</p>")
                           .arg(QApplication::applicationVersion()));
  });

  toolbar_->addAction(new_action);
  toolbar_->addAction(open_action);
  toolbar_->addAction(save_action);
  toolbar_->addSeparator();
  toolbar_->addAction(addNamedAction(QStringLiteral("undo_toolbar"), fixedWidthUndoAction(this, undo, tr("Undo"))));
  toolbar_->addAction(addNamedAction(QStringLiteral("redo_toolbar"), fixedWidthUndoAction(this, redo, tr("Redo"))));
  toolbar_->addAction(delete_action);
  toolbar_->addAction(export_action);
  toolbar_->addSeparator();
  toolbar_->addAction(layout_action);
  toolbar_->addAction(zoom_in);
  toolbar_->addAction(zoom_out);
  toolbar_->addAction(fit);
  rebuildRecentMenu();
}

void MainWindow::copySelection() {
  const QStringList names = scene_->selectedNodeNames();
  if (names.isEmpty()) return;
  QApplication::clipboard()->setMimeData(copyNodes(*document_, names));
  statusBar()->showMessage(tr("Copied %n layer(s)", nullptr, static_cast<int>(names.size())), 3000);
}

void MainWindow::cutSelection() {
  const QStringList names = scene_->selectedNodeNames();
  if (names.isEmpty()) return;
  QApplication::clipboard()->setMimeData(copyNodes(*document_, names));
  document_->removeElements(names, {}, action(QStringLiteral("reconnect"))->isChecked());
}

void MainWindow::pasteClipboard() {
  // Where the pointer is when it is over the canvas (Ctrl+V there), else the canvas's centre.
  const QPoint pointer = view_->viewport()->mapFromGlobal(QCursor::pos());
  const QPointF at = view_->viewport()->rect().contains(pointer) ? view_->mapToScene(pointer) : viewCenter();
  const QStringList pasted = pasteNodes(*document_, QApplication::clipboard()->mimeData(), at);
  if (pasted.isEmpty()) return;
  scene_->clearSelection();
  for (const QString& name : pasted) scene_->selectNode(name, /*add=*/true);
  statusBar()->showMessage(tr("Pasted %n layer(s)", nullptr, static_cast<int>(pasted.size())), 3000);
}

QMessageBox* MainWindow::chooseLanguage(const QString& code) {
  QSettings().setValue(QStringLiteral("language"), code);
  // Every label, tooltip and unit is translated when the window is built, so the switch
  // takes a restart; saying so in a dialog, with the restart one click away.
  auto* box = new QMessageBox(QMessageBox::Question, tr("Language"),
                              tr("The studio shows the new language when it starts again."), QMessageBox::NoButton, this);
  box->setObjectName(QStringLiteral("languageDialog"));
  box->setInformativeText(isModified() ? tr("Restart now? The project is reopened (you are asked to save it first).")
                                       : tr("Restart now? What is open is opened again."));
  QPushButton* restart = box->addButton(tr("Restart now"), QMessageBox::AcceptRole);
  restart->setObjectName(QStringLiteral("restartNow"));
  box->addButton(tr("Later"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("restartLater"));
  box->setDefaultButton(restart);
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::buttonClicked, this, [this, restart](QAbstractButton* button) {
    if (button == restart) restartStudio();
  });
  box->open();
  return box;
}

bool MainWindow::restartStudio() {
  if (options_.interactive && isModified() && !maybeSave()) return false;
  // The saved project, else the file the work came from.
  QStringList arguments;
  if (!current_path_.isEmpty()) arguments << current_path_;
  else if (!opened_path_.isEmpty()) arguments << opened_path_;
  if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
    showError(tr("Language"), tr("Cannot start the studio again; the new language shows at the next start."));
    return false;
  }
  // The project was saved (or the user chose to discard): nothing to ask again.
  document_->undoStack()->setClean();
  settings_dirty_ = false;
  close();
  return true;
}

QDialog* MainWindow::showUserGuide() {
  auto* dialog = new QDialog(this);
  dialog->setObjectName(QStringLiteral("userGuide"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("TinyForge Studio user guide"));
  auto* layout = new QVBoxLayout(dialog);
  auto* browser = new QTextBrowser;
  browser->setObjectName(QStringLiteral("userGuideText"));
  browser->setOpenExternalLinks(true);
  // docs/studio.md and its screenshots are built into the studio (studio_docs.qrc).
  browser->setSource(QUrl(QStringLiteral("qrc:/docs/studio.md")), QTextDocument::MarkdownResource);
  // The screenshots are 1600 px wide: shown at the page's width, their proportions kept.
  constexpr int kPictureWidth = 820;
  for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.charFormat().isImageFormat()) continue;
      QTextImageFormat picture = fragment.charFormat().toImageFormat();
      picture.setWidth(kPictureWidth);
      QTextCursor cursor(browser->document());
      cursor.setPosition(fragment.position());
      cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
      cursor.setCharFormat(picture);
    }
  }
  layout->addWidget(browser);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  layout->addWidget(buttons);
  dialog->resize(900, 700);
  dialog->show();
  return dialog;
}

QDialog* MainWindow::showShortcuts() {
  auto* dialog = new QDialog(this);
  dialog->setObjectName(QStringLiteral("shortcuts"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Keyboard shortcuts"));
  auto* layout = new QVBoxLayout(dialog);
  auto* table = new QTableWidget(0, 2);
  table->setObjectName(QStringLiteral("shortcutTable"));
  table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
  table->verticalHeader()->setVisible(false);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->horizontalHeader()->setStretchLastSection(true);
  const auto add_row = [table](const QString& what, const QString& keys) {
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem(what));
    table->setItem(row, 1, new QTableWidgetItem(keys));
  };
  // Every menu entry with a shortcut, as the menus show it, then the canvas's gestures.
  std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
    for (QAction* a : menu->actions()) {
      if (a->menu()) {
        walk(a->menu(), path + plainText(a->menu()->title()) + QStringLiteral(" \u203a "));
        continue;
      }
      QStringList keys;
      for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
      if (!keys.isEmpty()) add_row(path + plainText(a->text()), keys.join(QStringLiteral(", ")));
    }
  };
  for (QAction* top : menuBar()->actions())
    if (top->menu()) walk(top->menu(), plainText(top->text()) + QStringLiteral(" \u203a "));
  add_row(tr("Canvas: zoom"), tr("Ctrl+mouse wheel"));
  add_row(tr("Canvas: connect two layers"), tr("drag from a port (the circle above or below a layer) to the other layer"));
  add_row(tr("Canvas: insert a layer on an edge"), tr("drop it from the palette onto the edge"));
  add_row(tr("Canvas: select several"), tr("drag a rectangle on the background, or Ctrl+click"));
  add_row(tr("Spin boxes"), tr("click into one before the mouse wheel changes it"));
  table->resizeColumnsToContents();
  layout->addWidget(table);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  layout->addWidget(buttons);
  dialog->resize(640, 520);
  dialog->show();
  return dialog;
}

}  // namespace tinyforge
