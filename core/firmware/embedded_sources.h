#pragma once
// The files a firmware project is made of besides the generated model, compiled into
// TinyForge (cmake/EmbedFiles.cmake) so that an export needs no install tree.

#include <span>

#include "core/io/embedded_file.h"

namespace tinyforge {

// core/firmware/templates: start-up code, linker script, QEMU and board mains, board port,
// semihosting, CMakeLists.txt.in, the toolchain file.
std::span<const EmbeddedFile> firmwareTemplateFiles();
// core/ckernels: the C kernel library (tinyforge_c.h and every tfc_* file).
std::span<const EmbeddedFile> kernelLibraryFiles();

}  // namespace tinyforge
