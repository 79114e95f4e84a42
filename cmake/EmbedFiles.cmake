# tinyforge_embed_files(<target> FUNCTION <name> BASE <dir> FILES <file>...)
# Compiles the files' bytes into <target> as
#   std::span<const tinyforge::EmbeddedFile> <name>();   (core/io/embedded_file.h)
# with paths relative to BASE, regenerated whenever a file changes. The firmware export
# writes these files (start-up code, linker script, the C kernel library) into the
# folder it makes, so the CLI needs no install tree to find them.
function(tinyforge_embed_files target)
  cmake_parse_arguments(ARG "" "FUNCTION;BASE" "FILES" ${ARGN})
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${ARG_FUNCTION}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${output}" "-DFUNCTION=${ARG_FUNCTION}" "-DBASE=${ARG_BASE}"
            "-DFILES=${ARG_FILES}" -P "${CMAKE_SOURCE_DIR}/cmake/embed_files_script.cmake"
    DEPENDS ${ARG_FILES} "${CMAKE_SOURCE_DIR}/cmake/embed_files_script.cmake"
    COMMENT "Embedding ${ARG_FUNCTION} (${CMAKE_CURRENT_SOURCE_DIR})"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
