#pragma once
// The output folder of a run, checked before any long work: it exists (or is created), takes a
// file, and has room for what the run will write (an estimate). Errors name the input file.
#include <string>

namespace ionhop::app {

void prepare_output_directory(const std::string& dir, const std::string& input, double need_bytes);

}  // namespace ionhop::app
