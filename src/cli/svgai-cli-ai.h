#pragma once

/* The AI subcommands of svg-ai-cli (issue 3), in svgai-cli-ai.c. */

int svgai_cli_corpus (int argc, char **argv);
int svgai_cli_train (int argc, char **argv);
int svgai_cli_analyze (int argc, char **argv);
int svgai_cli_ai_bench (int argc, char **argv);
