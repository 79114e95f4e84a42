# Libraries of the data module, found through pkg-config (Debian: libsndfile1-dev,
# libfftw3-dev, libsoxr-dev, libpng-dev, libssl-dev).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(TINYFORGE_DATA_LIBS REQUIRED IMPORTED_TARGET sndfile fftw3 soxr libpng libcrypto)
