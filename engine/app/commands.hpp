#pragma once
// Subcommands of the `ionhop` executable. Each lives in its own engine/app/cmd_*.cpp and adds
// itself to the CLI11 app; main.cpp calls every add_*_command below.
#include <CLI/CLI.hpp>

namespace ionhop::app {

void add_info_command(CLI::App& app);  // ionhop info STRUCTURE --mobile Na [--json]
void add_run_command(CLI::App& app);   // ionhop run INPUT.toml [--quiet] [-o DIR]
void add_bvse_command(CLI::App& app);
void add_screen_command(CLI::App& app);  // ionhop screen SCREEN.toml [--slice I/N] [--merge] [-o DIR]  // ionhop bvse STRUCTURE --mobile Li [--spacing 0.2] [--json] [--output PREFIX]

void add_md_command(CLI::App& app);            // ionhop md INPUT.toml [-o DIR]
void add_export_lammps_command(CLI::App& app);  // ionhop export-lammps STRUCTURE [--supercell n n n] ...

}  // namespace ionhop::app
