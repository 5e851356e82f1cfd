// placeholder until the network lands (replaced by the network work in this session)
#include "engine/app/commands.hpp"
namespace ionhop::app {
void add_info_command(CLI::App& app) { app.add_subcommand("info", "Structure, symmetry and mobile-ion network (not yet built)"); }
}
