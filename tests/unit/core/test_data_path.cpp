#include <gtest/gtest.h>

#include <string>

#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"

TEST(DataPath, MissingFileNamesItAndTheSearchPath) {
  try {
    ionhop::data_file("potentials/does_not_exist.toml");
    FAIL() << "expected ionhop::Error";
  } catch (const ionhop::Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("potentials/does_not_exist.toml"), std::string::npos) << msg;
    EXPECT_NE(msg.find("IONHOP_DATA_DIR"), std::string::npos) << msg;
  }
}

TEST(DataPath, FindsAShippedFileFromTheSourceTree) {
  EXPECT_NO_THROW(ionhop::data_file("CMakeLists.txt"));
}
