# Generates the C++ reader/builder of our TFLite schema subset with the installed flatc,
# so the generated code always matches the installed flatbuffers headers.
# Included from core/CMakeLists.txt after tinyforge_core_module(tflite ...).
find_program(FLATC flatc REQUIRED)
set(TINYFORGE_TFLITE_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
set(TINYFORGE_TFLITE_SCHEMA "${CMAKE_CURRENT_LIST_DIR}/tflite_schema.fbs")
set(TINYFORGE_TFLITE_SCHEMA_HEADER "${TINYFORGE_TFLITE_GENERATED_DIR}/core/tflite/tflite_schema_generated.h")
add_custom_command(
  OUTPUT "${TINYFORGE_TFLITE_SCHEMA_HEADER}"
  COMMAND "${FLATC}" --cpp -o "${TINYFORGE_TFLITE_GENERATED_DIR}/core/tflite" "${TINYFORGE_TFLITE_SCHEMA}"
  DEPENDS "${TINYFORGE_TFLITE_SCHEMA}"
  COMMENT "Generating tflite_schema_generated.h with flatc"
  VERBATIM)
target_sources(tinyforge_tflite PRIVATE "${TINYFORGE_TFLITE_SCHEMA_HEADER}")
# The generated header is public: the writer and the tests build flatbuffers with it.
target_include_directories(tinyforge_tflite PUBLIC "${TINYFORGE_TFLITE_GENERATED_DIR}")
